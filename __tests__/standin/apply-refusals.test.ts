import type { StackJson } from '../../standin/terraform';
import { synthEnvironment } from '../helpers';
import { concurrentTests, describeWithTerraform, Workspace } from '../standin-harness';

/**
 * What Azure, Microsoft Graph and Kubernetes refuse at apply, as the stand-ins play it (sources in
 * standin/behaviours/), each shown twice: the shipped stack applies, and a stack without the
 * precaution it takes fails the way the service would answer.
 */

type Edit = (env: Record<string, any>) => void;

const stack = (edit: Edit = () => {}) => structuredClone(synthEnvironment(edit).json) as StackJson;

/** Applies a stack in a fresh world after `prepare`; returns the apply's errors as one string. */
async function applyErrors(json: StackJson, prepare: (ws: Workspace) => void = () => {}): Promise<string> {
  const ws = await Workspace.create([json]);
  try {
    prepare(ws);
    return (await ws.apply(json)).errors.join('\n').replace(/\s+/g, ' ');
  } finally {
    await ws.close();
  }
}

// Ingestion on the server's identity with a service account of its own: two federated
// credentials on one identity.
const twoCredentialsOnOneIdentity: Edit = (e) => {
  e.principals.ingestion = { sameAs: 'server', namespace: 'airflow', serviceAccount: 'airflow-worker' };
};
const clientSecrets: Edit = (e) => {
  e.principals.server = { auth: 'client-secret', namespace: e.principals.server.namespace };
  e.principals.ingestion = { auth: 'client-secret', namespace: e.principals.ingestion.namespace };
};

describeWithTerraform('what the services refuse at apply', () => {
  const testAtOnce = concurrentTests();
  testAtOnce('two federated credentials on one identity apply one after the other', async () => {
    expect(await applyErrors(stack(twoCredentialsOnOneIdentity))).toBe('');
  });

  // azurerm v4.81.0 federated_identity_credential_resource.go takes a lock per identity (locks.ByID)
  // for each write, so within one run the chain is not what keeps Azure's 409 away.
  testAtOnce("without the chain between them, azurerm's per-identity lock still writes them one at a time", async () => {
    const json = stack(twoCredentialsOnOneIdentity);
    for (const fic of Object.values(json.resource?.azurerm_federated_identity_credential ?? {})) delete fic.depends_on;
    expect(await applyErrors(json)).toBe('');
  });

  testAtOnce('client secrets are added by a deployer holding only Application.ReadWrite.OwnedBy: it stays an owner', async () => {
    expect(await applyErrors(stack(clientSecrets), (ws) => expect(ws.world.graphPermission).toBe('Application.ReadWrite.OwnedBy'))).toBe(
      '',
    );
  });

  testAtOnce('an app registration whose owners leave the deployer out refuses it the password (403)', async () => {
    const json = stack(clientSecrets);
    for (const app of Object.values(json.resource?.azuread_application ?? {})) app.owners = ['99999999-9999-4999-a999-999999999999'];
    const errors = await applyErrors(json);
    expect(errors).toMatch(/Adding password for Application \(Application: "[0-9a-f-]{36}"\)/);
    expect(errors).toContain('403 (403 Forbidden) with error: Authorization_RequestDenied');
  });

  testAtOnce('the same app registration is fine for a deployer holding Application.ReadWrite.All', async () => {
    const json = stack(clientSecrets);
    for (const app of Object.values(json.resource?.azuread_application ?? {})) app.owners = ['99999999-9999-4999-a999-999999999999'];
    expect(await applyErrors(json, (ws) => (ws.world.graphPermission = 'Application.ReadWrite.All'))).toBe('');
  });

  testAtOnce('a service account that already exists in the cluster fails its create (AlreadyExists)', async () => {
    const errors = await applyErrors(stack(), (ws) => ws.world.clusterObjects.add('serviceaccounts/openmetadata/openmetadata'));
    expect(errors).toContain('serviceaccounts "openmetadata" already exists');
  });

  testAtOnce('a kubernetes provider with neither a host nor a kubeconfig plans new objects, then fails to create them', async () => {
    const json = stack();
    json.provider = { ...json.provider, kubernetes: [{}] };
    const ws = await Workspace.create([json]);
    try {
      expect((await ws.plan(json)).errors).toEqual([]);
      expect((await ws.apply(json)).errors.join('\n')).toContain('the provider has neither a host nor a kubeconfig');
    } finally {
      await ws.close();
    }
  });

  testAtOnce('a kubeconfig path that does not exist fails the provider configuration, so the plan fails', async () => {
    const ws = await Workspace.create([stack()]);
    try {
      ws.world.kubeconfigs.clear();
      const errors = (await ws.plan(stack())).errors.join('\n').replace(/\s+/g, ' ');
      expect(errors).toContain('Invalid attribute in provider configuration');
      expect(errors).toMatch(/'config_path' refers to an invalid path: ".*\/\.kube\/config": stat .*: no such file or directory/);
    } finally {
      await ws.close();
    }
  });

  // Graph: POST /applications/{id}/owners/$ref needs more than Application.ReadWrite.OwnedBy; azuread
  // v3.9.0 application_resource.go adds each new owner that way on update (at create they are bound
  // in the create request).
  testAtOnce(
    'an owner added on day two is refused a deployer holding only Application.ReadWrite.OwnedBy (403)',
    async () => {
      const withOwner = stack((e) => {
        clientSecrets(e);
        e.principals.server.owners = ['99999999-9999-4999-a999-999999999999'];
      });
      const ws = await Workspace.create([withOwner]);
      try {
        expect((await ws.apply(stack(clientSecrets))).errors).toEqual([]);
        const errors = (await ws.apply(withOwner)).errors.join('\n').replace(/\s+/g, ' ');
        expect(errors).toMatch(/Could not add owners to application with object ID: "[0-9a-f-]{36}"/);
        ws.world.graphPermission = 'Application.ReadWrite.All';
        expect((await ws.apply(withOwner)).errors).toEqual([]);
      } finally {
        await ws.close();
      }
    },
    30_000,
  );
});
