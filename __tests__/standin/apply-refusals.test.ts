import type { StackJson } from '../../standin/terraform';
import { synthEnvironment } from '../helpers';
import { describeWithTerraform, Workspace } from '../standin-harness';

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
  test('two federated credentials on one identity apply one after the other', async () => {
    expect(await applyErrors(stack(twoCredentialsOnOneIdentity))).toBe('');
  });

  test('without the chain between them, the second write at once fails with 409', async () => {
    const json = stack(twoCredentialsOnOneIdentity);
    for (const fic of Object.values(json.resource?.azurerm_federated_identity_credential ?? {})) delete fic.depends_on;
    expect(await applyErrors(json)).toContain('ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity');
  });

  test('client secrets are added by a deployer holding only Application.ReadWrite.OwnedBy: it stays an owner', async () => {
    expect(await applyErrors(stack(clientSecrets), (ws) => expect(ws.world.graphPermission).toBe('Application.ReadWrite.OwnedBy'))).toBe(
      '',
    );
  });

  test('an app registration whose owners leave the deployer out refuses it the password (403)', async () => {
    const json = stack(clientSecrets);
    for (const app of Object.values(json.resource?.azuread_application ?? {})) app.owners = ['99999999-9999-4999-a999-999999999999'];
    const errors = await applyErrors(json);
    expect(errors).toContain('adding password for application with object ID /applications/');
    expect(errors).toContain('403 (403 Forbidden) with error: Authorization_RequestDenied');
  });

  test('the same app registration is fine for a deployer holding Application.ReadWrite.All', async () => {
    const json = stack(clientSecrets);
    for (const app of Object.values(json.resource?.azuread_application ?? {})) app.owners = ['99999999-9999-4999-a999-999999999999'];
    expect(await applyErrors(json, (ws) => (ws.world.graphPermission = 'Application.ReadWrite.All'))).toBe('');
  });

  test('a service account that already exists in the cluster fails its create (AlreadyExists)', async () => {
    const errors = await applyErrors(stack(), (ws) => ws.world.clusterObjects.add('serviceaccounts/openmetadata/openmetadata'));
    expect(errors).toContain('serviceaccounts "openmetadata" already exists');
  });

  test('a kubernetes provider with neither a host nor a kubeconfig fails every call', async () => {
    const json = stack();
    json.provider = { ...json.provider, kubernetes: [{}] };
    expect(await applyErrors(json)).toContain('the provider has neither a host nor a kubeconfig');
  });

  test('a kubeconfig path that does not exist where Terraform runs fails every call', async () => {
    expect(await applyErrors(stack(), (ws) => ws.world.kubeconfigs.clear())).toMatch(/invalid configuration: .*no such file or directory/);
  });
});
