import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { configFilePath, loadConfigFile, parseConfig } from '../../lib/config/load-config';
import { ConfigError } from '../../lib/facts/errors';
import { AKS_SUBNET, baseEnvironment, environmentWith, ISSUER, problemsOf, problemsWith, SUBSCRIPTION } from '../helpers';

const OTHER_SUBSCRIPTION = '33333333-3333-3333-3333-333333333333';
const vaultId = (sub: string, name = 'kv-existing') =>
  `/subscriptions/${sub}/resourceGroups/rg-shared/providers/Microsoft.KeyVault/vaults/${name}`;

/** Expects exactly one problem, and that it contains every fragment. */
function expectOneProblem(problems: string[], ...fragments: string[]) {
  expect(problems).toHaveLength(1);
  for (const f of fragments) expect(problems[0]).toContain(f);
}

describe('a valid file', () => {
  test('is accepted with every default filled in', () => {
    const env = environmentWith((e) => (e.keyVault = { name: 'kv-om-test' }));
    expect(env.existingResourceGroup).toBe(false);
    expect(env.tags).toEqual({});
    expect(env.keyVault).toEqual({
      name: 'kv-om-test',
      sku: 'standard',
      softDeleteRetentionDays: 90,
      purgeProtection: true,
      publicNetworkAccess: true,
      network: { defaultAction: 'Deny', bypassAzureServices: true, allowedIpRanges: [], allowedSubnetIds: [] },
      privateEndpoint: undefined,
      diagnostics: undefined,
      lock: true,
    });
    expect(env.openmetadata).toEqual({
      secretsManager: 'managed-azure-kv',
      pipelineClient: 'airflow',
      clusterName: 'openmetadata',
      prefix: '',
      secretTags: {},
    });
    expect(env.kubernetes).toEqual({ manage: true, source: 'kubeconfig', configPath: '~/.kube/config', configContext: undefined });
    expect(env.backend).toEqual({ type: 'local' });
  });

  test('fills network defaults that are left out', () => {
    const env = environmentWith((e) => (e.keyVault.network = { allowedIpRanges: ['203.0.113.7'] }));
    expect(env.keyVault).toMatchObject({
      network: { defaultAction: 'Deny', bypassAzureServices: true, allowedIpRanges: ['203.0.113.7'], allowedSubnetIds: [] },
    });
  });

  test('takes an existing vault by ID and keeps nothing else about it', () => {
    const env = environmentWith((e) => (e.keyVault = { existingId: vaultId(SUBSCRIPTION) }));
    expect(env.keyVault).toEqual({ existingId: vaultId(SUBSCRIPTION) });
  });

  test('needs no AKS issuer when no principal uses workload identity', () => {
    const env = environmentWith((e) => {
      delete e.aks;
      e.principals = { server: { auth: 'client-secret', namespace: 'openmetadata' }, ingestion: { sameAs: 'server' } };
    });
    expect(env.principals.server.auth).toBe('client-secret');
  });

  test("merges YAML merge keys (<<), the environment's own keys winning", () => {
    const config = parseConfig(`
environments:
  dev: &dev
    tenantId: 00000000-0000-0000-0000-000000000000
    subscriptionId: ${SUBSCRIPTION}
    location: westeurope
    resourceGroup: rg-dev
    keyVault: { name: kv-dev-01 }
    principals:
      server: { auth: client-secret, namespace: openmetadata }
      ingestion: { sameAs: server }
  prod:
    <<: *dev
    resourceGroup: rg-prod
    keyVault: { name: kv-prod-01 }
    openmetadata: { clusterName: om-prod }
`);
    expect(config.environments.prod.location).toBe('westeurope');
    expect(config.environments.prod.resourceGroup).toBe('rg-prod');
    expect(config.environments.prod.principals).toEqual(config.environments.dev.principals);
  });

  test('expands YAML anchors, so settings can be written once and reused', () => {
    const text = `
environments:
  dev:
    tenantId: 00000000-0000-0000-0000-000000000000
    subscriptionId: ${SUBSCRIPTION}
    location: westeurope
    resourceGroup: rg-dev
    keyVault: { name: kv-dev-01 }
    principals: &principals
      server: { auth: client-secret, namespace: openmetadata }
      ingestion: { sameAs: server }
  prod:
    tenantId: 00000000-0000-0000-0000-000000000000
    subscriptionId: ${SUBSCRIPTION}
    location: westeurope
    resourceGroup: rg-prod
    keyVault: { name: kv-prod-01 }
    openmetadata: { clusterName: om-prod }
    principals: *principals
`;
    const config = parseConfig(text);
    expect(config.environments.prod.principals).toEqual(config.environments.dev.principals);
    expect(config.environments.prod.principals.server.auth).toBe('client-secret');
  });
});

describe('the file itself', () => {
  test('fails when the file is empty', () => {
    expect(() => parseConfig('')).toThrow(/the file is empty; expected a mapping with the key environments/);
  });

  test('fails when the text is not YAML', () => {
    expect(() => parseConfig('environments: [unclosed')).toThrow(/not valid YAML at line 1/);
  });

  test('fails when a key is written twice', () => {
    expect(() => parseConfig('environments: {}\nenvironments: {}\n')).toThrow(/not valid YAML at line 2: Map keys must be unique/);
  });

  test('fails when aliases explode (billion laughs)', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) {
      lines.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(', ')}]`,
      );
    }
    expect(() => parseConfig(lines.join('\n'))).toThrow(ConfigError);
  });

  test('fails when the top level is not a mapping', () => {
    expectOneProblem(problemsOf(['a', 'list']), '(top level): received a list of 2; expected a mapping');
  });

  test('fails when environments is missing', () => {
    expect(problemsOf({ other: 1 })).toEqual([
      'environments: received nothing (missing); expected a mapping of environment names to their settings',
      'other: unknown key; expected only the keys defaults, environments',
    ]);
  });

  test('fails when there is no environment', () => {
    expectOneProblem(problemsOf({ environments: {} }), 'environments: received a mapping; expected at least one environment');
  });

  test('fails when an environment name cannot be a stack name', () => {
    expectOneProblem(
      problemsOf({ environments: { Dev_1: baseEnvironment() } }),
      'environments.Dev_1: received a mapping; expected the name to be an environment name of 1-24 lower-case letters',
    );
  });

  test('fails when the file does not exist', () => {
    expect(() => loadConfigFile('does-not-exist.yaml')).toThrow(/does-not-exist.yaml: 1 problem\n {2}- no such file/);
  });

  test('fails when the path is a directory', () => {
    expect(() => loadConfigFile(os.tmpdir())).toThrow(/it is a directory; expected a YAML file/);
  });

  test('reads the file OM_AZURE_CONFIG names, else environments.yaml', () => {
    expect(configFilePath({ OM_AZURE_CONFIG: 'conf/prod.yaml' })).toBe('conf/prod.yaml');
    expect(configFilePath({})).toBe('environments.yaml');
    expect(configFilePath({ OM_AZURE_CONFIG: ' ' })).toBe('environments.yaml');
  });

  test('reads a file from disk', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-config-'));
    const file = path.join(dir, 'environments.yaml');
    fs.writeFileSync(file, `environments:\n  dev: ${JSON.stringify(baseEnvironment())}\n`);
    expect(Object.keys(loadConfigFile(file).environments)).toEqual(['dev']);
  });

  test('lists every problem, one line each, with path, value received and what is expected', () => {
    const problems = problemsWith((e) => {
      e.tenantId = 'nope';
      e.keyVault.name = 'kv--x';
      e.keyVault.nmae = 'typo';
    });
    expect(problems).toEqual([
      'environments.test.tenantId: received "nope"; expected a GUID (8-4-4-4-12 hexadecimal digits, e.g. 00000000-0000-0000-0000-000000000000)',
      'environments.test.keyVault.name: received "kv--x"; expected a Key Vault name without consecutive hyphens ("--")',
      'environments.test.keyVault.nmae: unknown key; expected only the keys name, existingId, sku, softDeleteRetentionDays, purgeProtection, publicNetworkAccess, network, privateEndpoint, diagnostics, lock',
    ]);
  });

  test('shortens huge values in messages', () => {
    const [problem] = problemsWith((e) => (e.location = 'x'.repeat(5000)));
    expect(problem.length).toBeLessThan(300);
    expect(problem).toContain('(5000 characters)');
  });
});

describe('environment settings', () => {
  test.each<[string, (e: Record<string, any>) => void, string]>([
    [
      'fails when tenantId is not a GUID',
      (e) => (e.tenantId = '0000-1111'),
      'environments.test.tenantId: received "0000-1111"; expected a GUID',
    ],
    [
      'fails when subscriptionId is not a GUID',
      (e) => (e.subscriptionId = 42),
      'environments.test.subscriptionId: received 42; expected a string',
    ],
    [
      'fails when subscriptionId is missing',
      (e) => delete e.subscriptionId,
      'environments.test.subscriptionId: received nothing (missing)',
    ],
    [
      'fails when location is not a region name',
      (e) => (e.location = 'west/europe'),
      'environments.test.location: received "west/europe"; expected an Azure region name',
    ],
    [
      'fails when the resource group name ends with a period',
      (e) => (e.resourceGroup = 'rg.'),
      'environments.test.resourceGroup: received "rg."; expected a resource group name',
    ],
    [
      'fails when existingResourceGroup is not a boolean',
      (e) => (e.existingResourceGroup = 'yes'),
      'environments.test.existingResourceGroup: received "yes"; expected true or false',
    ],
    [
      'fails when a tag value is not a string',
      (e) => (e.tags = { cost: 12 }),
      'environments.test.tags.cost: received 12; expected a string value',
    ],
    [
      'fails when a tag name has a forbidden character',
      (e) => (e.tags = { 'a/b': 'x' }),
      'environments.test.tags["a/b"]: received "x"; expected the key to be a tag name',
    ],
    [
      'fails when there are more than 50 tags',
      (e) => (e.tags = Object.fromEntries([...Array(51).keys()].map((i) => [`t${i}`, 'v']))),
      'environments.test.tags: received a mapping; expected at most 50 entries (got 51)',
    ],
    [
      'fails when an environment key is misspelt',
      (e) => (e.tag = {}),
      'environments.test.tag: unknown key; expected only the keys tenantId, subscriptionId',
    ],
    [
      'fails when kubernetes.configPath is empty',
      (e) => (e.kubernetes = { configPath: '' }),
      'environments.test.kubernetes.configPath: received ""; expected 1-1024 characters without control characters',
    ],
  ])('%s', (_name, edit, message) => {
    expectOneProblem(problemsWith(edit), message);
  });
});

describe('keyVault', () => {
  test.each<[string, (e: Record<string, any>) => void, string]>([
    [
      'fails when neither name nor existingId is given',
      (e) => (e.keyVault = { sku: 'standard' }),
      'environments.test.keyVault: received a mapping; expected either name (create a vault) or existingId (use one)',
    ],
    [
      'fails when both name and existingId are given',
      (e) => (e.keyVault = { name: 'kv-om-test', existingId: vaultId(SUBSCRIPTION) }),
      'environments.test.keyVault.existingId: received "/subscriptions/',
    ],
    [
      'fails when the vault name is too short',
      (e) => (e.keyVault.name = 'kv'),
      'environments.test.keyVault.name: received "kv"; expected a Key Vault name of 3-24 characters (got 2)',
    ],
    [
      'fails when the vault name is too long',
      (e) => (e.keyVault.name = 'kv-openmetadata-production-1'),
      'expected a Key Vault name of 3-24 characters (got 28)',
    ],
    [
      'fails when the vault name starts with a digit',
      (e) => (e.keyVault.name = '1kv-om'),
      'received "1kv-om"; expected a Key Vault name of letters, digits and hyphens that starts with a letter',
    ],
    [
      'fails when the vault name ends with a hyphen',
      (e) => (e.keyVault.name = 'kv-om-'),
      'that starts with a letter and ends with a letter or digit',
    ],
    [
      'fails when the vault name has consecutive hyphens',
      (e) => (e.keyVault.name = 'kv--om'),
      'expected a Key Vault name without consecutive hyphens',
    ],
    [
      'fails when the vault name has an underscore',
      (e) => (e.keyVault.name = 'kv_om'),
      'received "kv_om"; expected a Key Vault name of letters, digits and hyphens',
    ],
    [
      'fails when existingId is not a vault resource ID',
      (e) => (e.keyVault = { existingId: '/subscriptions/x/vaults/kv' }),
      'environments.test.keyVault.existingId: received "/subscriptions/x/vaults/kv"; expected a Key Vault resource ID',
    ],
    [
      'fails when existingId comes with new-vault settings',
      (e) => (e.keyVault = { existingId: vaultId(SUBSCRIPTION), purgeProtection: false }),
      'environments.test.keyVault.purgeProtection: received false; expected no settings for a new vault together with existingId',
    ],
    [
      'fails when the existing vault is in another subscription',
      (e) => (e.keyVault = { existingId: vaultId(OTHER_SUBSCRIPTION) }),
      `expected a vault in subscription ${SUBSCRIPTION}`,
    ],
    [
      'fails when the sku is unknown',
      (e) => (e.keyVault.sku = 'basic'),
      'environments.test.keyVault.sku: received "basic"; expected one of "standard", "premium"',
    ],
    [
      'fails when retention is under 7 days',
      (e) => (e.keyVault.softDeleteRetentionDays = 6),
      'environments.test.keyVault.softDeleteRetentionDays: received 6; expected a whole number from 7 to 90',
    ],
    [
      'fails when retention is over 90 days',
      (e) => (e.keyVault.softDeleteRetentionDays = 91),
      'received 91; expected a whole number from 7 to 90',
    ],
    [
      'fails when retention is not whole',
      (e) => (e.keyVault.softDeleteRetentionDays = 30.5),
      'received 30.5; expected a whole number from 7 to 90',
    ],
    [
      'fails when purgeProtection is a string',
      (e) => (e.keyVault.purgeProtection = 'false'),
      'environments.test.keyVault.purgeProtection: received "false"; expected true or false',
    ],
    [
      'fails when the default network action is unknown',
      (e) => (e.keyVault.network = { defaultAction: 'Block' }),
      'environments.test.keyVault.network.defaultAction: received "Block"; expected one of "Deny", "Allow"',
    ],
    [
      'fails when an IP rule is not an IPv4 address or range',
      (e) => (e.keyVault.network = { allowedIpRanges: ['10.0.0.300'] }),
      'environments.test.keyVault.network.allowedIpRanges[0]: received "10.0.0.300"; expected an IPv4 address or CIDR range',
    ],
    [
      'fails when an IP rule is IPv6',
      (e) => (e.keyVault.network = { allowedIpRanges: ['2001:db8::/32'] }),
      'received "2001:db8::/32"; expected an IPv4 address or CIDR range such as 203.0.113.0/24 (Key Vault IP rules are IPv4 only)',
    ],
    [
      'fails when a CIDR prefix is over 32',
      (e) => (e.keyVault.network = { allowedIpRanges: ['203.0.113.0/33'] }),
      'received "203.0.113.0/33"; expected an IPv4 address or CIDR range',
    ],
    [
      'fails when a subnet rule is not a subnet ID',
      (e) => (e.keyVault.network = { allowedSubnetIds: ['snet-aks'] }),
      'environments.test.keyVault.network.allowedSubnetIds[0]: received "snet-aks"; expected a subnet resource ID',
    ],
    [
      'fails when there are more IP rules than a vault takes (1000)',
      (e) => (e.keyVault.network = { allowedIpRanges: Array(1001).fill('203.0.113.7') }),
      'environments.test.keyVault.network.allowedIpRanges: received a list of 1001; expected at most 1000 IP rules',
    ],
    [
      'fails when there are more subnet rules than a vault takes (200)',
      (e) => (e.keyVault.network = { allowedSubnetIds: Array(201).fill(AKS_SUBNET) }),
      'environments.test.keyVault.network.allowedSubnetIds: received a list of 201; expected at most 200 subnet rules',
    ],
    [
      'fails when a network key is misspelt',
      (e) => (e.keyVault.network = { allowedIps: [] }),
      'environments.test.keyVault.network.allowedIps: unknown key',
    ],
  ])('%s', (_name, edit, message) => {
    expectOneProblem(problemsWith(edit), message);
  });
});

describe('openmetadata', () => {
  test.each<[string, (e: Record<string, any>) => void, string]>([
    [
      'fails when the secrets manager is not an Azure one',
      (e) => (e.openmetadata = { secretsManager: 'aws' }),
      'environments.test.openmetadata.secretsManager: received "aws"; expected one of "managed-azure-kv", "azure-kv"',
    ],
    [
      'fails when clusterName has characters Key Vault rejects',
      (e) => (e.openmetadata = { clusterName: 'om_prod' }),
      'environments.test.openmetadata.clusterName: received "om_prod"; expected letters, digits and hyphens only',
    ],
    [
      'fails when prefix has characters Key Vault rejects',
      (e) => (e.openmetadata = { prefix: 'team/a' }),
      'environments.test.openmetadata.prefix: received "team/a"; expected an empty string, or letters, digits and hyphens only (the server removes anything else from secret names)',
    ],
    [
      'fails when prefix and clusterName leave too little of the 127 characters',
      (e) => (e.openmetadata = { prefix: 'p'.repeat(40), clusterName: 'c'.repeat(30) }),
      'environments.test.openmetadata.prefix: received "pppp',
    ],
    [
      'fails when a secret tag would break the [key:value] format',
      (e) => (e.openmetadata = { secretTags: { 'team:a': 'x' } }),
      'environments.test.openmetadata.secretTags["team:a"]: received "x"; expected the key to be 1-256 characters without ":"',
    ],
    [
      'fails when a secret tag value has a comma',
      (e) => (e.openmetadata = { secretTags: { team: 'a,b' } }),
      'environments.test.openmetadata.secretTags.team: received "a,b"; expected 1-256 characters without ":", ","',
    ],
    [
      'fails when there are more than 15 secret tags',
      (e) => (e.openmetadata = { secretTags: Object.fromEntries([...Array(16).keys()].map((i) => [`t${i}`, 'v'])) }),
      'expected at most 15 entries (got 16)',
    ],
  ])('%s', (_name, edit, message) => {
    expectOneProblem(problemsWith(edit), message);
  });
});

describe('aks', () => {
  test.each<[string, (e: Record<string, any>) => void, string]>([
    [
      'fails when the OIDC issuer is not https',
      (e) => (e.aks.oidcIssuerUrl = 'http://issuer.example/'),
      'environments.test.aks.oidcIssuerUrl: received "http://issuer.example/"; expected an https URL',
    ],
    ['fails when the OIDC issuer is not a URL', (e) => (e.aks.oidcIssuerUrl = 'issuer'), 'received "issuer"; expected an https URL'],
    [
      'fails when the OIDC issuer is missing but workload identity is used',
      (e) => delete e.aks,
      'environments.test.aks.oidcIssuerUrl: received nothing (missing); expected the AKS OIDC issuer URL (or the cluster name and resourceGroup): a principal uses workload-identity',
    ],
  ])('%s', (_name, edit, message) => {
    expectOneProblem(problemsWith(edit), message);
  });
});

describe('principals', () => {
  test.each<[string, (e: Record<string, any>) => void, string]>([
    [
      'fails when the server principal is missing',
      (e) => delete e.principals.server,
      'environments.test.principals.server: received nothing (missing)',
    ],
    [
      'fails when auth is missing',
      (e) => delete e.principals.server.auth,
      'environments.test.principals.server.auth: received nothing (missing); expected "workload-identity" or "client-secret"',
    ],
    [
      'fails when auth is unknown',
      (e) => (e.principals.server.auth = 'certificate'),
      'environments.test.principals.server.auth: received "certificate"; expected "workload-identity" or "client-secret"',
    ],
    [
      'fails when auth is the retired AAD Pod Identity',
      (e) => (e.principals.server.auth = 'pod-identity'),
      'AAD Pod Identity is retired upstream',
    ],
    [
      'fails when workload identity has no namespace',
      (e) => delete e.principals.server.namespace,
      'environments.test.principals.server.namespace: received nothing (missing); expected the Kubernetes namespace of the pods',
    ],
    [
      'fails when workload identity has no service account',
      (e) => delete e.principals.ingestion.serviceAccount,
      'environments.test.principals.ingestion.serviceAccount: received nothing (missing); expected the Kubernetes service account',
    ],
    [
      'fails when the namespace is not a DNS label',
      (e) => (e.principals.server.namespace = 'Open_Metadata'),
      'environments.test.principals.server.namespace: received "Open_Metadata"; expected a Kubernetes namespace',
    ],
    [
      'fails when the namespace is longer than 63',
      (e) => (e.principals.server.namespace = 'n'.repeat(64)),
      'expected a Kubernetes namespace: at most 63',
    ],
    [
      'fails when the service account is not a DNS subdomain',
      (e) => (e.principals.server.serviceAccount = 'om-'),
      'environments.test.principals.server.serviceAccount: received "om-"; expected a Kubernetes service account name',
    ],
    [
      'fails when workload identity is given a rotation',
      (e) => (e.principals.server.secretRotationDays = 90),
      'environments.test.principals.server.secretRotationDays: received 90; expected no secretRotationDays with workload-identity',
    ],
    [
      'fails when the identity name is not a managed identity name',
      (e) => (e.principals.server.name = 'id om'),
      'environments.test.principals.server.name: received "id om"; expected a managed identity name',
    ],
    [
      'fails when client-secret is given a service account',
      (e) => (e.principals.server = { auth: 'client-secret', namespace: 'om', serviceAccount: 'om' }),
      'environments.test.principals.server.serviceAccount: received "om"; expected no serviceAccount with client-secret',
    ],
    [
      'fails when a client-secret server has no namespace for its Secret',
      (e) => (e.principals.server = { auth: 'client-secret' }),
      'environments.test.principals.server.namespace: received nothing (missing); expected the Kubernetes namespace of the OpenMetadata server',
    ],
    [
      'fails when secret rotation is over 365 days',
      (e) => (e.principals.server = { auth: 'client-secret', namespace: 'om', secretRotationDays: 400 }),
      'environments.test.principals.server.secretRotationDays: received 400; expected a whole number from 30 to 365',
    ],
    [
      'fails when secret rotation is under 30 days',
      (e) => (e.principals.server = { auth: 'client-secret', namespace: 'om', secretRotationDays: 7 }),
      'received 7; expected a whole number from 30 to 365',
    ],
    [
      'fails when the app name has characters outside a display name',
      (e) => (e.principals.server = { auth: 'client-secret', namespace: 'om', name: 'om<script>' }),
      'environments.test.principals.server.name: received "om<script>"; expected an application display name',
    ],
    [
      'fails when a shared principal also names its auth',
      (e) => (e.principals.ingestion = { sameAs: 'server', auth: 'client-secret' }),
      'environments.test.principals.ingestion.auth: received "client-secret"; expected no auth with sameAs: server',
    ],
    [
      'fails when sameAs names anything but server',
      (e) => (e.principals.ingestion = { sameAs: 'ingestion' }),
      'environments.test.principals.ingestion.sameAs: received "ingestion"; expected one of "server"',
    ],
    [
      'fails when the server says sameAs',
      (e) => (e.principals.server.sameAs = 'server'),
      'environments.test.principals.server.sameAs: unknown key',
    ],
    [
      'fails when ingestion reuses the server service account under another identity',
      (e) => (e.principals.ingestion = { ...e.principals.server }),
      'environments.test.principals.ingestion.serviceAccount: received "openmetadata"; expected a service account other than the server\'s',
    ],
    [
      'fails when a shared client-secret principal is given a service account',
      (e) => {
        e.principals.server = { auth: 'client-secret', namespace: 'openmetadata' };
        e.principals.ingestion = { sameAs: 'server', namespace: 'airflow', serviceAccount: 'airflow' };
      },
      'environments.test.principals.ingestion.serviceAccount: received "airflow"; expected no serviceAccount: the shared server principal uses client-secret',
    ],
    [
      'fails when a shared workload identity names a namespace without a service account',
      (e) => (e.principals.ingestion = { sameAs: 'server', namespace: 'airflow' }),
      'environments.test.principals.ingestion.serviceAccount: received nothing (missing); expected namespace and serviceAccount together',
    ],
  ])('%s', (_name, edit, message) => {
    expectOneProblem(problemsWith(edit), message);
  });

  test('a shared principal may add the ingestion service account', () => {
    const env = environmentWith(
      (e) => (e.principals.ingestion = { sameAs: 'server', namespace: 'airflow', serviceAccount: 'airflow-worker' }),
    );
    expect(env.principals.ingestion).toEqual({ sameAs: 'server', namespace: 'airflow', serviceAccount: 'airflow-worker' });
    expect(env.aks?.oidcIssuerUrl).toBe(ISSUER);
  });
});

// zod still runs the schema's transform after an unknown key, which skips the rules across settings:
// the principal plan must not be resolved then, or a typo would crash with a stack trace.
describe('a misspelled key beside a missing auth is reported, not a crash', () => {
  test('in the server principal', () => {
    expect(
      problemsWith((e) => {
        e.principals.server.authh = e.principals.server.auth;
        delete e.principals.server.auth;
      }),
    ).toEqual([
      'environments.test.principals.server.authh: unknown key; expected only the keys auth, name, namespace, serviceAccount, secretRotationDays, owners',
    ]);
  });

  test('elsewhere in the environment', () => {
    expect(
      problemsWith((e) => {
        delete e.principals.server.auth;
        e.keyVault.skuu = 'standard';
      }),
    ).toEqual([expect.stringMatching(/^environments\.test\.keyVault\.skuu: unknown key;/)]);
  });
});
