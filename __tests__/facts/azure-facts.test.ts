import {
  KEY_VAULT_READER_ROLE,
  KEY_VAULT_ROLES,
  serviceAccountSubject,
  vaultUriOf,
  WORKLOAD_IDENTITY_ANNOTATIONS,
  WORKLOAD_IDENTITY_AUDIENCE,
  WORKLOAD_IDENTITY_POD_LABEL,
} from '../../lib/facts/azure-facts';
import { openmetadataSecretName, secretNameHead } from '../../lib/facts/resource-names';
import { airflowEnv, formatSecretTags, serverEnv } from '../../lib/openmetadata/openmetadata-settings';

// Values checked against upstream (Azure built-in roles, Azure Workload Identity, OpenMetadata).
// They are spelled out here on purpose: a typo in the code must not be mirrored by the test.

test('Key Vault built-in role IDs', () => {
  // What each may do with secrets, as the access diagram says it: the roles' descriptions in the
  // Azure built-in roles reference ("any action on the secrets ... except manage permissions";
  // "read secret contents").
  expect(KEY_VAULT_ROLES.secretsOfficer).toEqual({
    name: 'Key Vault Secrets Officer',
    id: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7',
    secrets: 'read, write and delete',
  });
  expect(KEY_VAULT_ROLES.secretsUser).toEqual({
    name: 'Key Vault Secrets User',
    id: '4633458b-17de-408a-b874-0445c86b69e6',
    secrets: 'read',
  });
  // Not granted by the stack; the policy checks accept it as read-only (OMKV-RA1).
  expect(KEY_VAULT_READER_ROLE).toEqual({ name: 'Key Vault Reader', id: '21090545-7ca7-4776-b22c-e363652d74d2' });
});

test('workload identity audience, annotations, pod label and subject', () => {
  expect(WORKLOAD_IDENTITY_AUDIENCE).toBe('api://AzureADTokenExchange');
  expect(WORKLOAD_IDENTITY_ANNOTATIONS).toEqual({
    clientId: 'azure.workload.identity/client-id',
    tenantId: 'azure.workload.identity/tenant-id',
  });
  expect(WORKLOAD_IDENTITY_POD_LABEL).toEqual({ 'azure.workload.identity/use': 'true' });
  expect(serviceAccountSubject('airflow', 'worker')).toBe('system:serviceaccount:airflow:worker');
});

test('the vault URI OpenMetadata builds from the name', () => {
  expect(vaultUriOf('kv-om')).toBe('https://kv-om.vault.azure.net/');
});

// Chart openmetadata 1.13.1 (templates/_helpers.tpl, OpenMetadata.commaJoinedQuotedEncodedList)
// renders tags as ["k1:v1","k2:v2"]; the server reads SECRET_MANAGER_TAGS into openmetadata.yaml as
// YAML, where an unquoted item starting with an indicator (*, &, !, ...) would not be a string.
test('secret tags in the chart\'s quoted ["key:value",...] form, sorted', () => {
  expect(formatSecretTags({ team: 'data', env: 'prod' })).toBe('["env:prod","team:data"]');
  expect(formatSecretTags({ owner: '*ops' })).toBe('["owner:*ops"]');
  expect(formatSecretTags({})).toBe('[]');
});

// openmetadata-service SecretsManager.buildSecretId with AzureKVSecretsManager's SecretsIdConfig
// ("-", no starting separator, [^A-Za-z0-9-] removed), read in open-metadata/OpenMetadata (the
// index held no 1.13.x snapshot; the Azure config was identical in every version read).
test('the secret names OpenMetadata writes to Key Vault', () => {
  expect(openmetadataSecretName('sbx', 'openmetadata', ['Database', 'My DB', 'authType', 'password'])).toBe(
    'sbxopenmetadata-database-mydb-authtype-password',
  );
  expect(openmetadataSecretName('', 'openmetadata', ['Database', 'My DB', 'password'])).toBe('openmetadata-database-mydb-password');
  expect(openmetadataSecretName('sbx-', 'OpenMetadata', ['Dashboard', 'looker_prod', 'clientSecret'])).toBe(
    'sbx-openmetadata-dashboard-lookerprod-clientsecret',
  );
  expect(secretNameHead('sbx', 'openmetadata')).toBe(secretNameHead('', 'sbxopenmetadata'));
});

test('server env for workload identity has no OM_SM_* credentials', () => {
  expect(serverEnv({ provider: 'managed-azure-kv', vaultName: 'kv', clusterName: 'openmetadata', prefix: '', secretTags: {} })).toEqual({
    SECRET_MANAGER: 'managed-azure-kv',
    OM_SM_VAULT_NAME: 'kv',
    PIPELINE_SERVICE_CLIENT_SECRETS_MANAGER_LOADER: 'airflow',
  });
});

test('server env for a client secret has all three credentials', () => {
  const env = serverEnv({
    provider: 'managed-azure-kv',
    vaultName: 'kv',
    clusterName: 'om2',
    prefix: 'p',
    secretTags: { a: 'b' },
    credentials: { tenantId: 't', clientId: 'c', clientSecret: 's' },
  });
  expect(env).toEqual({
    SECRET_MANAGER: 'managed-azure-kv',
    OM_SM_VAULT_NAME: 'kv',
    PIPELINE_SERVICE_CLIENT_SECRETS_MANAGER_LOADER: 'airflow',
    SECRET_MANAGER_PREFIX: 'p',
    SECRET_MANAGER_TAGS: '["a:b"]',
    OPENMETADATA_CLUSTER_NAME: 'om2',
    OM_SM_CLIENT_ID: 'c',
    OM_SM_CLIENT_SECRET: 's',
    OM_SM_TENANT_ID: 't',
  });
});

test('server env for azure-kv is the provider alone: the server keeps secrets in its database', () => {
  const env = serverEnv({ provider: 'azure-kv', vaultName: 'kv', clusterName: 'om2', prefix: '', secretTags: {} });
  expect(env).toEqual({ SECRET_MANAGER: 'azure-kv', OPENMETADATA_CLUSTER_NAME: 'om2' });
});

test('server env hands Kubernetes Jobs the env loader', () => {
  const env = serverEnv({
    provider: 'managed-azure-kv',
    vaultName: 'kv',
    clusterName: 'openmetadata',
    prefix: '',
    secretTags: {},
    pipelineClient: 'k8s',
  });
  expect(env.PIPELINE_SERVICE_CLIENT_SECRETS_MANAGER_LOADER).toBe('env');
});

test('Airflow env names of the openmetadata_secrets_manager section', () => {
  expect(airflowEnv('kv')).toEqual({ AIRFLOW__OPENMETADATA_SECRETS_MANAGER__AZURE_KEY_VAULT_NAME: 'kv' });
  expect(airflowEnv('kv', { tenantId: 't', clientId: 'c', clientSecret: 's' })).toEqual({
    AIRFLOW__OPENMETADATA_SECRETS_MANAGER__AZURE_KEY_VAULT_NAME: 'kv',
    AIRFLOW__OPENMETADATA_SECRETS_MANAGER__AZURE_TENANT_ID: 't',
    AIRFLOW__OPENMETADATA_SECRETS_MANAGER__AZURE_CLIENT_ID: 'c',
    AIRFLOW__OPENMETADATA_SECRETS_MANAGER__AZURE_CLIENT_SECRET: 's',
  });
});
