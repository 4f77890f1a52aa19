import '../setup';
import { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { WorkloadIdentityPrincipal, WorkloadIdentityPrincipalProps } from '../../lib/constructs/workload-identity-principal';
import * as rules from '../../lib/facts/naming-rules';
import { ISSUER, resourcesOf, synthScope, TENANT } from '../helpers';

const PROPS: WorkloadIdentityPrincipalProps = {
  identityName: 'id-om-server',
  resourceGroupName: 'rg-om',
  location: 'westeurope',
  tenantId: TENANT,
  oidcIssuerUrl: ISSUER,
  serviceAccounts: [{ namespace: 'openmetadata', name: 'openmetadata' }],
  credentialNamePrefix: 'dev',
};

const credentials = (json: any) => Object.entries(resourcesOf(json, 'azurerm_federated_identity_credential'));

test('creates a user-assigned identity', () => {
  const { text } = synthScope((s) => new WorkloadIdentityPrincipal(s, 'Server', { ...PROPS, tags: { owner: 'data' } }));
  expect(text).toHaveResourceWithProperties(UserAssignedIdentity, {
    name: 'id-om-server',
    resource_group_name: 'rg-om',
    location: 'westeurope',
    tags: { owner: 'data' },
  });
});

test('federates the service account: AKS issuer, exact subject, the one audience Entra ID accepts', () => {
  const { text, json } = synthScope((s) => new WorkloadIdentityPrincipal(s, 'Server', PROPS));
  expect(text).toHaveResourceWithProperties(FederatedIdentityCredential, {
    name: 'dev-openmetadata-openmetadata',
    issuer: ISSUER,
    subject: 'system:serviceaccount:openmetadata:openmetadata',
    audience: ['api://AzureADTokenExchange'],
  });
  const [, credential] = credentials(json)[0];
  expect(credential.user_assigned_identity_id).toMatch(/^\$\{azurerm_user_assigned_identity\.Server_Identity_[0-9A-F]{8}\.id\}$/);
});

// federated_identity_credential_resource.go at v4.81.0: parent_id is renamed user_assigned_identity_id
// (4.65) and resource_group_name deprecated (4.60); 5.0 removes both.
test('names the identity by user_assigned_identity_id, without the deprecated parent_id and resource_group_name', () => {
  const { json } = synthScope((s) => new WorkloadIdentityPrincipal(s, 'Server', PROPS));
  const [, credential] = credentials(json)[0];
  expect(credential).not.toHaveProperty('parent_id');
  expect(credential).not.toHaveProperty('resource_group_name');
});

test('annotates the Kubernetes service account with the identity client ID and tenant', () => {
  const { text, json } = synthScope((s) => new WorkloadIdentityPrincipal(s, 'Server', PROPS));
  expect(text).toHaveResourceWithProperties(ServiceAccountV1, {
    metadata: {
      name: 'openmetadata',
      namespace: 'openmetadata',
      annotations: {
        'azure.workload.identity/client-id': expect.stringMatching(
          /^\$\{azurerm_user_assigned_identity\.Server_Identity_[0-9A-F]{8}\.client_id\}$/,
        ),
        'azure.workload.identity/tenant-id': TENANT,
      },
      labels: { 'app.kubernetes.io/managed-by': 'cdktf', 'app.kubernetes.io/part-of': 'openmetadata' },
    },
  });
  const account = Object.values(resourcesOf(json, 'kubernetes_service_account_v1'))[0] as any;
  expect(account.depends_on).toEqual([
    expect.stringMatching(/^azurerm_federated_identity_credential\.Server_FederatedCredential-openmetadata-openmetadata_/),
  ]);
});

test('chains credentials on one identity, since Azure rejects concurrent writes', () => {
  const { json } = synthScope((s) => {
    const p = new WorkloadIdentityPrincipal(s, 'Server', PROPS);
    p.addServiceAccount({ namespace: 'airflow', name: 'airflow-worker' });
    p.addServiceAccount({ namespace: 'airflow', name: 'airflow-scheduler' });
  });
  const byName = Object.fromEntries(credentials(json).map(([id, c]) => [c.name, { id, c }]));
  expect(Object.keys(byName)).toEqual(['dev-airflow-airflow-scheduler', 'dev-airflow-airflow-worker', 'dev-openmetadata-openmetadata']);
  expect(byName['dev-openmetadata-openmetadata'].c.depends_on).toBeUndefined();
  expect(byName['dev-airflow-airflow-worker'].c.depends_on).toEqual([
    `azurerm_federated_identity_credential.${byName['dev-openmetadata-openmetadata'].id}`,
  ]);
  expect(byName['dev-airflow-airflow-scheduler'].c.depends_on).toEqual([
    `azurerm_federated_identity_credential.${byName['dev-airflow-airflow-worker'].id}`,
  ]);
  expect(Object.keys(resourcesOf(json, 'kubernetes_service_account_v1'))).toHaveLength(3);
});

test('adding an account it already trusts changes nothing (issuer + subject are unique per identity)', () => {
  const { json } = synthScope((s) => {
    const p = new WorkloadIdentityPrincipal(s, 'Server', PROPS);
    p.addServiceAccount({ namespace: 'openmetadata', name: 'openmetadata' });
  });
  expect(credentials(json)).toHaveLength(1);
});

test('keeps long credential names within 120 characters, stable and distinct', () => {
  const longName = `${'a'.repeat(60)}.${'b'.repeat(60)}`;
  const { json } = synthScope((s) => {
    const p = new WorkloadIdentityPrincipal(s, 'Server', { ...PROPS, serviceAccounts: [] });
    p.addServiceAccount({ namespace: 'airflow', name: `${longName}1` });
    p.addServiceAccount({ namespace: 'airflow', name: `${longName}2` });
  });
  const names = credentials(json).map(([, c]) => c.name as string);
  expect(new Set(names).size).toBe(2);
  for (const name of names) {
    expect(name.length).toBeLessThanOrEqual(120);
    expect(rules.federatedCredentialName(name)).toBeUndefined();
  }
});

test('fails when a 21st service account is added (20 credentials per identity)', () => {
  expect(() =>
    synthScope((s) => {
      const p = new WorkloadIdentityPrincipal(s, 'Server', { ...PROPS, serviceAccounts: [] });
      for (let i = 0; i < 21; i++) p.addServiceAccount({ namespace: 'airflow', name: `worker-${i}` });
    }),
  ).toThrow('test/Server: received a federated credential number 21; expected at most 20 per identity');
});

test('fails when the issuer is not https', () => {
  expect(() => synthScope((s) => new WorkloadIdentityPrincipal(s, 'Server', { ...PROPS, oidcIssuerUrl: 'http://issuer/' }))).toThrow(
    'oidcIssuerUrl: received "http://issuer/"; expected an https URL',
  );
});

test('fails when the identity name is invalid', () => {
  expect(() => synthScope((s) => new WorkloadIdentityPrincipal(s, 'Server', { ...PROPS, identityName: 'x' }))).toThrow(
    'identityName: received "x"; expected a managed identity name of 3-128',
  );
});

test('fails when a service account is not a Kubernetes name', () => {
  expect(() =>
    synthScope((s) => new WorkloadIdentityPrincipal(s, 'Server', { ...PROPS, serviceAccounts: [{ namespace: 'Airflow', name: 'w' }] })),
  ).toThrow('namespace: received "Airflow"; expected a Kubernetes namespace');
});

test('fails when two accounts would give one federated credential name on the identity (dot versus hyphen)', () => {
  expect(() =>
    synthScope((s) => {
      const principal = new WorkloadIdentityPrincipal(s, 'Server', { ...PROPS, serviceAccounts: [{ namespace: 'om', name: 'om.server' }] });
      principal.addServiceAccount({ namespace: 'om', name: 'om-server' });
    }),
  ).toThrow(
    'test/Server: received service account om/om-server, whose federated credential name dev-om-om-server is already used for om/om.server on this identity',
  );
});

test('fails when two accounts would give one federated credential name on the identity (namespace/name boundary)', () => {
  expect(() =>
    synthScope((s) => {
      const principal = new WorkloadIdentityPrincipal(s, 'Server', { ...PROPS, serviceAccounts: [{ namespace: 'a-b', name: 'c' }] });
      principal.addServiceAccount({ namespace: 'a', name: 'b-c' });
    }),
  ).toThrow(
    'test/Server: received service account a/b-c, whose federated credential name dev-a-b-c is already used for a-b/c on this identity; expected accounts whose namespace and name, joined with "-" and with "." read as "-", differ (a-b/c and a/b-c, or a/b.c and a/b-c, give one name)',
  );
});

describe('a service account that moves between principals', () => {
  const ACCOUNT = { namespace: 'airflow', name: 'airflow-worker' };

  test('names the address cdktf gives the account under the other principal', () => {
    // The real construct at that path, in a stack of its own: the address moveServiceAccountFrom writes.
    const { json: real } = synthScope((s) => new WorkloadIdentityPrincipal(s, 'Ingestion', { ...PROPS, serviceAccounts: [ACCOUNT] }));
    const [address] = Object.keys(resourcesOf(real, 'kubernetes_service_account_v1'));
    const { json } = synthScope((s) => {
      const server = new WorkloadIdentityPrincipal(s, 'Server', { ...PROPS, serviceAccounts: [ACCOUNT] });
      server.moveServiceAccountFrom(ACCOUNT, 'Ingestion');
    });
    const [target] = Object.keys(resourcesOf(json, 'kubernetes_service_account_v1'));
    expect(json.moved).toEqual([{ from: `kubernetes_service_account_v1.${address}`, to: `kubernetes_service_account_v1.${target}` }]);
  });

  test('writes no moved block for an account the principal does not federate', () => {
    const { json } = synthScope((s) => new WorkloadIdentityPrincipal(s, 'Server', PROPS).moveServiceAccountFrom(ACCOUNT, 'Ingestion'));
    expect(json.moved).toBeUndefined();
  });
});
