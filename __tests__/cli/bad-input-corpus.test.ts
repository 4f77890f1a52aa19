import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { runSynth } from '../../lib/cli/synth-command';
import { distinctEnvironment, ISSUER, SUBSCRIPTION } from '../helpers';

/**
 * Malformed configurations, each run through the synth command as `cdktf synth` runs it: every one
 * must get its own clear message, exit code 1, no stack trace, and leave cdktf.out as it was.
 */

type Edit = (env: Record<string, any>) => void;
/** A case is raw file text, an edit of a valid environment, or a file that is not there. */
type Input =
  | { text: string }
  | { bytes: Buffer }
  | { edit: Edit }
  | { file: 'missing' | 'directory' | 'fifo' | 'device' | 'huge' }
  | { file2: (dev: any, prod: any) => void };

const valid = () => ({ environments: { dev: distinctEnvironment('dev') } });
const DNS_ZONE = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net`;
const existing = (sub: string) => `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-shared`;
const laughs = [
  'a: &a [x, x, x, x, x, x, x, x, x, x]',
  ...'bcdefghijk'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefghijk'[i]}`).join(', ')}]`),
].join('\n');

const CORPUS: [string, Input, string][] = [
  // The file itself
  ['an empty file', { text: '' }, 'the file is empty; expected a mapping with the key environments'],
  ['a file of comments only', { text: '# nothing here\n' }, 'the file is empty'],
  ['text that is not YAML', { text: 'environments: [dev' }, 'not valid YAML at line 1'],
  ['tabs for indentation', { text: 'environments:\n\tdev: {}\n' }, 'not valid YAML at line 2: Tabs are not allowed as indentation'],
  ['a key written twice', { text: 'environments: {}\nenvironments: {}\n' }, 'not valid YAML at line 2: Map keys must be unique'],
  [
    'a nested key written twice',
    { text: 'environments:\n  dev:\n    tags: {a: b}\n    tags: {c: d}\n' },
    'not valid YAML at line 4: Map keys must be unique (environments.dev.tags is written twice)',
  ],
  [
    'a custom YAML tag',
    { text: 'environments: !!js/function "function(){}"\n' },
    'not plain YAML at line 1: Unresolved tag: tag:yaml.org,2002:js/function; expected no tags',
  ],
  [
    'an ordered-map tag on the environments (read as an empty mapping)',
    { text: 'environments: !!omap\n  - dev: {}\n' },
    'environments: received a value tagged !!omap (line 1); expected plain YAML: no tags but !!str, !!int, !!float, !!bool, !!null, !!map and !!seq',
  ],
  [
    'a set tag on a section (openmetadata would silently become the defaults)',
    { text: 'environments:\n  dev:\n    openmetadata: !!set\n      ? secretsManager\n' },
    'environments.dev.openmetadata: received a value tagged !!set (line 3)',
  ],
  [
    'a binary tag on a value',
    { text: 'environments:\n  dev:\n    tenantId: !!binary aGVsbG8=\n' },
    'environments.dev.tenantId: received a value tagged !!binary (line 3)',
  ],
  [
    'a timestamp tag on a value',
    { text: 'environments:\n  dev:\n    location: !!timestamp 2026-01-01\n' },
    'received a value tagged !!timestamp',
  ],
  ['a tagged key', { text: 'environments:\n  !!binary ZGV2: {}\n' }, 'environments: received a key tagged !!binary (line 2)'],
  ['a top-level list', { text: '- dev\n- prod\n' }, '(top level): received a list of 2; expected a mapping'],
  [
    'a top-level scalar',
    { text: 'hello\n' },
    '(top level): received text (not shown: the file may not be a configuration file at all); expected a mapping',
  ],
  [
    'a .env file of secrets instead of the configuration (its text is never echoed)',
    { text: 'AZURE_CLIENT_ID=1234\nAZURE_CLIENT_SECRET=abc~Q8x.very-secret-value\n' },
    '(top level): received text (not shown: the file may not be a configuration file at all); expected a mapping',
  ],
  ['an invisible character in a key (shown escaped)', { text: 'environ\u200bments:\n  dev: {}\n' }, '["environ\\u200bments"]: unknown key'],
  [
    'a look-alike letter in a value (shown escaped)',
    { edit: (e) => (e.location = 'w\u0435steurope') },
    'environments.dev.location: received "w\\u0435steurope"',
  ],
  ['aliases that explode', { text: laughs }, 'not usable YAML'],
  ['a missing file', { file: 'missing' }, 'no such file; expected a YAML configuration file'],
  ['a directory instead of a file', { file: 'directory' }, 'it is a directory; expected a YAML file'],
  // Wrong types
  [
    'environments as a list',
    { text: 'environments: [dev, prod]\n' },
    'environments: received a list of 2; expected a mapping of environment names',
  ],
  [
    'an environment as a string',
    { text: 'environments:\n  dev: production\n' },
    'environments.dev: received "production"; expected a mapping',
  ],
  ['a number for tenantId', { edit: (e) => (e.tenantId = 12345) }, 'environments.dev.tenantId: received 12345; expected a string'],
  [
    'tags as a list',
    { edit: (e) => (e.tags = ['owner=data']) },
    'environments.dev.tags: received a list of 1; expected a mapping of names to string values',
  ],
  [
    'a boolean tag value',
    { edit: (e) => (e.tags = { critical: true }) },
    'environments.dev.tags.critical: received true; expected a string value (quote numbers and booleans)',
  ],
  [
    'keyVault as a string',
    { edit: (e) => (e.keyVault = 'kv-om-dev') },
    'environments.dev.keyVault: received "kv-om-dev"; expected a mapping',
  ],
  [
    'retention as a string',
    { edit: (e) => (e.keyVault.softDeleteRetentionDays = '90') },
    'environments.dev.keyVault.softDeleteRetentionDays: received "90"; expected a whole number from 7 to 90',
  ],
  [
    'yes for a boolean',
    { edit: (e) => (e.keyVault.purgeProtection = 'yes') },
    'environments.dev.keyVault.purgeProtection: received "yes"; expected true or false',
  ],
  [
    'a principal as a string',
    { edit: (e) => (e.principals.server = 'workload-identity') },
    'environments.dev.principals.server: received "workload-identity"; expected a mapping',
  ],
  [
    'a string where a list of IPs goes',
    { edit: (e) => (e.keyVault.network = { allowedIpRanges: '203.0.113.7' }) },
    'environments.dev.keyVault.network.allowedIpRanges: received "203.0.113.7"; expected a list of IPv4 addresses',
  ],
  // Missing fields
  ['no tenantId', { edit: (e) => delete e.tenantId }, 'environments.dev.tenantId: received nothing (missing)'],
  ['no keyVault', { edit: (e) => delete e.keyVault }, 'environments.dev.keyVault: received nothing (missing)'],
  ['no principals', { edit: (e) => delete e.principals }, 'environments.dev.principals: received nothing (missing)'],
  [
    'no auth for the server',
    { edit: (e) => delete e.principals.server.auth },
    'environments.dev.principals.server.auth: received nothing (missing)',
  ],
  [
    'no namespace for workload identity',
    { edit: (e) => delete e.principals.ingestion.namespace },
    'environments.dev.principals.ingestion.namespace: received nothing (missing); expected the Kubernetes namespace',
  ],
  // Unknown keys
  [
    'a misspelt top-level key',
    { text: stringify({ enviroments: valid().environments }) },
    'enviroments: unknown key; expected only the keys defaults, environments',
  ],
  ['a misspelt environment key', { edit: (e) => (e.resourcegroup = 'rg') }, 'environments.dev.resourcegroup: unknown key'],
  ['a misspelt vault key', { edit: (e) => (e.keyVault.purgeprotection = true) }, 'environments.dev.keyVault.purgeprotection: unknown key'],
  [
    'a misspelt principal key',
    { edit: (e) => (e.principals.server.serviceaccount = 'om') },
    'environments.dev.principals.server.serviceaccount: unknown key',
  ],
  [
    'a storage key in the backend',
    {
      edit: (e) =>
        (e.backend = { type: 'azurerm', storageAccountName: 'sttf', containerName: 'tfstate', resourceGroupName: 'rg', accessKey: 'abc' }),
    },
    'environments.dev.backend.accessKey: unknown key',
  ],
  // Bad GUIDs
  [
    'a GUID in braces',
    { edit: (e) => (e.tenantId = '{00000000-0000-0000-0000-000000000000}') },
    'environments.dev.tenantId: received "{00000000-0000-0000-0000-000000000000}"; expected a GUID',
  ],
  [
    'a short subscription ID',
    { edit: (e) => (e.subscriptionId = '1111-1111') },
    'environments.dev.subscriptionId: received "1111-1111"; expected a GUID',
  ],
  [
    'a vault ID with a bad GUID',
    { edit: (e) => (e.keyVault = { existingId: existing('not-a-guid') }) },
    'environments.dev.keyVault.existingId: received "/subscriptions/not-a-guid/',
  ],
  // Bad names
  [
    'an underscore in the vault name',
    { edit: (e) => (e.keyVault.name = 'kv_om_dev') },
    'received "kv_om_dev"; expected a Key Vault name of letters, digits and hyphens',
  ],
  [
    'a 25-character vault name',
    { edit: (e) => (e.keyVault.name = 'kv-openmetadata-dev-00001') },
    'expected a Key Vault name of 3-24 characters (got 25)',
  ],
  [
    'an upper-case namespace',
    { edit: (e) => (e.principals.server.namespace = 'OpenMetadata') },
    'environments.dev.principals.server.namespace: received "OpenMetadata"; expected a Kubernetes namespace',
  ],
  [
    'a service account ending with a dot',
    { edit: (e) => (e.principals.server.serviceAccount = 'openmetadata.') },
    'received "openmetadata."; expected a Kubernetes service account name',
  ],
  [
    'an upper-case environment name',
    { text: stringify({ environments: { Dev: distinctEnvironment('dev') } }) },
    'environments.Dev: received a mapping; expected the name to be an environment name',
  ],
  [
    'a resource group ending with a period',
    { edit: (e) => (e.resourceGroup = 'rg-om.') },
    'environments.dev.resourceGroup: received "rg-om."; expected a resource group name',
  ],
  [
    'a space in clusterName',
    { edit: (e) => (e.openmetadata = { clusterName: 'open metadata' }) },
    'environments.dev.openmetadata.clusterName: received "open metadata"; expected letters, digits and hyphens only',
  ],
  // Conflicting options
  [
    'both a vault name and an existing vault',
    { edit: (e) => (e.keyVault = { name: 'kv-om-dev', existingId: existing(SUBSCRIPTION) }) },
    'environments.dev.keyVault.existingId: received "/subscriptions/',
  ],
  [
    'new-vault settings on an existing vault',
    { edit: (e) => (e.keyVault = { existingId: existing(SUBSCRIPTION), sku: 'premium' }) },
    'environments.dev.keyVault.sku: received "premium"; expected no settings for a new vault together with existingId',
  ],
  [
    'a rotation for workload identity',
    { edit: (e) => (e.principals.server.secretRotationDays = 90) },
    'expected no secretRotationDays with workload-identity',
  ],
  [
    'sameAs with its own auth',
    { edit: (e) => (e.principals.ingestion = { sameAs: 'server', auth: 'client-secret' }) },
    'environments.dev.principals.ingestion.auth: received "client-secret"; expected no auth with sameAs: server',
  ],
  [
    'an issuer URL and a cluster name',
    { edit: (e) => (e.aks = { oidcIssuerUrl: 'https://issuer.example/', name: 'aks', resourceGroup: 'rg' }) },
    'expected either oidcIssuerUrl or the cluster name and resourceGroup, not both',
  ],
  [
    'a workspace by name and by tags',
    { edit: (e) => (e.backend = { type: 'cloud', organization: 'contoso', workspace: 'om', workspaceTags: ['om'] }) },
    'expected exactly one of workspace (a name) and workspaceTags',
  ],
  [
    'two environments creating one vault',
    { file2: (_d, p) => (p.keyVault.name = 'kv-om-dev') },
    'environments.prod.keyVault.name: received "kv-om-dev"; expected a vault name that no other environment uses, but environments.dev has it too',
  ],
  [
    'Kubernetes from AKS without a cluster',
    { edit: (e) => (e.kubernetes = { source: 'aks' }) },
    'environments.dev.kubernetes.source: received "aks"; expected aks.name and aks.resourceGroup',
  ],
  ['pod identity', { edit: (e) => (e.principals.server.auth = 'pod-identity') }, 'AAD Pod Identity is retired upstream'],
  [
    'a suppression without a real reason',
    { edit: (e) => (e.policy = { suppressions: [{ rule: 'OMKV-KV6', reason: 'meh' }] }) },
    'expected a reason of at least 10 characters',
  ],
  // Huge values
  [
    'a 100,000-character location',
    { edit: (e) => (e.location = 'x'.repeat(100_000)) },
    '(100000 characters); expected an Azure region name',
  ],
  [
    'ten thousand tags',
    { edit: (e) => (e.tags = Object.fromEntries([...Array(10_000).keys()].map((i) => [`t${i}`, 'v']))) },
    'environments.dev.tags: received a mapping; expected at most 50 entries (got 10000)',
  ],
  [
    'a 10,000-entry IP list',
    { edit: (e) => (e.keyVault.network = { allowedIpRanges: Array(10_000).fill('203.0.113.7') }) },
    'expected at most 1000 IP rules',
  ],
  // Cross-field rules run only on fields that passed their own rules (they crashed on the others)
  [
    'a private endpoint subnet that is not a subnet ID, without location',
    { edit: (e) => (e.keyVault.privateEndpoint = { subnetId: 'snet-endpoints', privateDnsZoneId: DNS_ZONE }) },
    'environments.dev.keyVault.privateEndpoint.subnetId: received "snet-endpoints"; expected a subnet resource ID',
  ],
  [
    'a shared workload identity whose server has no serviceAccount',
    {
      edit: (e) => {
        e.principals.server = { auth: 'workload-identity', namespace: 'openmetadata' };
        e.principals.ingestion = { sameAs: 'server', namespace: 'airflow', serviceAccount: 'airflow' };
      },
    },
    'environments.dev.principals.server.serviceAccount: received nothing (missing); expected the Kubernetes service account of the pods',
  ],
  // Accepted once, then failing at apply or meaning something else
  [
    'server and ingestion identities with one name',
    { edit: (e) => (e.principals.server.name = e.principals.ingestion.name = 'id-openmetadata') },
    'environments.dev.principals.ingestion.name: received "id-openmetadata"; expected a managed identity name in resource group rg-om-dev other than that of principals.server.name',
  ],
  [
    'server and ingestion app registrations with one name',
    {
      edit: (e) => {
        delete e.aks;
        e.principals.server = { auth: 'client-secret', namespace: 'openmetadata', name: 'OpenMetadata' };
        e.principals.ingestion = { auth: 'client-secret', namespace: 'airflow', name: 'OpenMetadata' };
      },
    },
    'environments.dev.principals.ingestion.name: received "OpenMetadata"; expected an app registration name other than that of principals.server.name',
  ],
  [
    'two tag names that differ only in case',
    { edit: (e) => (e.tags = { Owner: 'a', owner: 'b' }) },
    'environments.dev.tags.owner: received "b"; expected names that differ in more than case: Azure takes "Owner" and "owner" as one tag',
  ],
  [
    'a tag name in defaults and one in the environment that differ only in case',
    {
      text: stringify({
        defaults: { tags: { Owner: 'a' } },
        environments: { dev: { ...distinctEnvironment('dev'), tags: { owner: 'b' } } },
      }),
    },
    'environments.dev.tags.owner: received "b"; expected names that differ in more than case: Azure takes "Owner" and "owner" as one tag',
  ],
  [
    'an OIDC issuer URL without its trailing slash',
    { edit: (e) => (e.aks = { oidcIssuerUrl: ISSUER.slice(0, -1) }) },
    'environments.dev.aks.oidcIssuerUrl: received "https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/..." (115 characters); expected an https URL without query or fragment, written in full and ending with "/"',
  ],
  // Injection-looking strings
  [
    'a Terraform directive in a tag name',
    { edit: (e) => (e.tags = { '%{if true}x%{endif}': 'v' }) },
    'environments.dev.tags["%{if true}x%{endif}"]: received "v"; expected the key to be a tag name of 1-512 characters without < > % & \\ ? / or control characters',
  ],
  ['shell in a vault name', { edit: (e) => (e.keyVault.name = 'kv; rm -rf /') }, 'environments.dev.keyVault.name: received "kv; rm -rf /"'],
  [
    'command substitution in a namespace',
    { edit: (e) => (e.principals.server.namespace = '$(whoami)') },
    'environments.dev.principals.server.namespace: received "$(whoami)"',
  ],
  // A resource ID or URL is only ever the characters Azure allows in it: no template, quote or brace.
  [
    'a noncharacter (reserved for internal use) in a tag value',
    { edit: (e) => (e.tags = { owner: 'data\ufdd0team' }) },
    'environments.dev.tags.owner: received "data\\ufdd0team"; expected text without Unicode noncharacters',
  ],
  [
    'a Terraform expression in the OIDC issuer URL',
    { edit: (e) => (e.aks = { oidcIssuerUrl: 'https://example.com/${upper("x")}' }) },
    'environments.dev.aks.oidcIssuerUrl: received "https://example.com/${upper(\\"x\\")}"; expected an https URL without query or fragment, written in full',
  ],
  [
    'a Terraform expression in an existing vault ID',
    { edit: (e) => (e.keyVault = { existingId: existing('${var.s}') }) },
    'environments.dev.keyVault.existingId: received "/subscriptions/${var.s}/',
  ],
  [
    'a Terraform directive in an allowed subnet ID',
    { edit: (e) => (e.keyVault.network = { allowedSubnetIds: ['/subscriptions/%{ for x in [1] }x%{ endfor }/s'] }) },
    'environments.dev.keyVault.network.allowedSubnetIds[0]: received "/subscriptions/%{ for x in [1] }',
  ],
  [
    'a Terraform expression in a diagnostics workspace ID',
    { edit: (e) => (e.keyVault.diagnostics = { logAnalyticsWorkspaceId: '${x}' }) },
    'environments.dev.keyVault.diagnostics.logAnalyticsWorkspaceId: received "${x}"; expected a Log Analytics workspace resource ID',
  ],
  // Keys that are not plain names
  [
    'a __proto__ mapping in an environment',
    { text: 'environments:\n  dev:\n    __proto__:\n      lock: false\n' },
    "environments.dev.__proto__: received the key __proto__ (line 3); expected a setting name (this one would reach JavaScript's object prototype)",
  ],
  [
    'a constructor key in defaults',
    { text: 'defaults:\n  constructor: {}\nenvironments: {}\n' },
    'defaults.constructor: received the key constructor',
  ],
  [
    'an environment key read as a number (007)',
    { text: 'environments:\n  007: {}\n' },
    'environments: received the key 007 (line 2), which is read as the number 7; expected a name in quotes ("007")',
  ],
  [
    'an environment key read as a hex number (0x10)',
    { text: 'environments:\n  0x10: {}\n' },
    'environments: received the key 0x10 (line 2), which is read as the number 16',
  ],
  [
    'a default that is not a mapping where every environment has one',
    {
      text: `defaults:\n  openmetadata: 1\n${stringify({ environments: { dev: { ...distinctEnvironment('dev'), openmetadata: { prefix: 'dev-' } } } })}`,
    },
    'defaults.openmetadata: received 1; expected a mapping, as environments.dev.openmetadata is',
  ],
  [
    'a null default where environments have a mapping',
    { text: `defaults:\n  keyVault: null\n${stringify(valid())}` },
    'defaults.keyVault: received null (empty value); expected a mapping, as environments.dev.keyVault is',
  ],
  // Input that is not a config file
  ['a FIFO as the config file', { file: 'fifo' }, 'it is not a regular file (a pipe, socket or device); expected a YAML file'],
  ['a device as the config file', { file: 'device' }, 'it is not a regular file (a pipe, socket or device)'],
  ['a config file over the size limit', { file: 'huge' }, 'bytes; expected a YAML configuration file of at most 1048576 bytes'],
  [
    'Latin-1 bytes',
    { bytes: Buffer.from('environments:\n  dev:\n    tags: { owner: M\xfcller }\n', 'latin1') },
    'not UTF-8 text (byte 0xfc at offset 41); expected a file saved as UTF-8',
  ],
  [
    'markup in an app name',
    { edit: (e) => (e.principals.ingestion = { auth: 'client-secret', name: '<script>alert(1)</script>' }) },
    'environments.dev.principals.ingestion.name: received "<script>alert(1)</script>"; expected an application display name',
  ],
  [
    'a path in the secret prefix',
    { edit: (e) => (e.openmetadata = { prefix: '../other' }) },
    'environments.dev.openmetadata.prefix: received "../other"',
  ],
  [
    'a newline in a tag value',
    { edit: (e) => (e.tags = { owner: 'data\nplatform' }) },
    'environments.dev.tags.owner: received "data\\nplatform"',
  ],
];

const PREVIOUS = '{"previous": "synth"}';

/** A scratch project: an earlier synth in cdktf.out, and the case's config file. */
function scratch(input: Input): { env: NodeJS.ProcessEnv; outdir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-corpus-'));
  const outdir = path.join(dir, 'cdktf.out');
  fs.mkdirSync(path.join(outdir, 'stacks', 'dev'), { recursive: true });
  fs.writeFileSync(path.join(outdir, 'stacks', 'dev', 'cdk.tf.json'), PREVIOUS);
  let file = path.join(dir, 'environments.yaml');
  if ('text' in input) fs.writeFileSync(file, input.text);
  if ('edit' in input) {
    const config = valid();
    input.edit(config.environments.dev);
    fs.writeFileSync(file, stringify(config));
  }
  if ('file2' in input) {
    const dev = distinctEnvironment('dev');
    const prod = distinctEnvironment('prod');
    input.file2(dev, prod);
    fs.writeFileSync(file, stringify({ environments: { dev, prod } }));
  }
  if ('bytes' in input) fs.writeFileSync(file, input.bytes);
  if ('file' in input && input.file === 'directory') file = dir;
  if ('file' in input && input.file === 'fifo') spawnSync('mkfifo', [file]);
  if ('file' in input && input.file === 'device') file = '/dev/zero';
  if ('file' in input && input.file === 'huge') fs.writeFileSync(file, `# ${'x'.repeat(1024 * 1024)}\n`);
  return { env: { OM_AZURE_CONFIG: file, CDKTF_OUTDIR: outdir }, outdir };
}

function listing(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true }).map(String).sort();
}

test(`the corpus holds at least 40 malformed configurations (${CORPUS.length})`, () => {
  expect(CORPUS.length).toBeGreaterThanOrEqual(40);
  expect(new Set(CORPUS.map(([name]) => name)).size).toBe(CORPUS.length);
});

test('a valid file passes through the same harness', () => {
  const { env, outdir } = scratch({ edit: () => {} });
  let stderr = '';
  expect(runSynth(env, { stdout: () => {}, stderr: (t) => (stderr += t) })).toBe(0);
  expect(stderr).not.toContain('ERROR');
  expect(fs.readFileSync(path.join(outdir, 'stacks', 'dev', 'cdk.tf.json'), 'utf8')).not.toBe(PREVIOUS);
});

describe.each(CORPUS)('fails on %s', (_name, input, message) => {
  const { env, outdir } = scratch(input);
  const before = listing(outdir);
  let stderr = '';
  let stdout = '';
  const code = runSynth(env, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });

  test('with exit code 1', () => {
    expect(code).toBe(1);
  });

  test('with its message', () => {
    expect(stderr).toContain(message);
    expect(stderr.startsWith('Configuration error: ')).toBe(true);
  });

  test('without a stack trace', () => {
    expect(stderr).not.toMatch(/\n\s+at .+[:(]\d+/);
    expect(stdout).toBe('');
  });

  test('leaving cdktf.out untouched', () => {
    expect(listing(outdir)).toEqual(before);
    expect(fs.readFileSync(path.join(outdir, 'stacks', 'dev', 'cdk.tf.json'), 'utf8')).toBe(PREVIOUS);
  });
});

test('a file that is not configuration is never echoed, not even in part', () => {
  const { env } = scratch({ text: 'AZURE_CLIENT_ID=1234\nAZURE_CLIENT_SECRET=abc~Q8x.very-secret-value\n' });
  let stderr = '';
  expect(runSynth(env, { stdout: () => {}, stderr: (t) => (stderr += t) })).toBe(1);
  expect(stderr).not.toContain('very-secret');
  expect(stderr).not.toContain('AZURE_CLIENT');
});

describe('a configuration that breaks a policy rule', () => {
  const { env, outdir } = scratch({ edit: (e) => (e.keyVault.network = { defaultAction: 'Allow' }) });
  let stderr = '';
  const code = runSynth(env, { stdout: () => {}, stderr: (t) => (stderr += t) });

  test('stops synth with the rule, the resource and the fix', () => {
    expect(code).toBe(1);
    expect(stderr).toContain('ERROR      OMKV-KV4 dev/KeyVault/Resource: The Key Vault accepts traffic from any network');
    expect(stderr).toContain('fix: Keep keyVault.network.defaultAction: Deny');
    expect(stderr).toContain('Policy errors: nothing was synthesized.');
  });

  test('leaves cdktf.out untouched', () => {
    expect(fs.readFileSync(path.join(outdir, 'stacks', 'dev', 'cdk.tf.json'), 'utf8')).toBe(PREVIOUS);
  });

  test('creates no cdktf.out when there was none', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-corpus-'));
    const file = path.join(dir, 'environments.yaml');
    const config = valid();
    config.environments.dev.keyVault.network = { defaultAction: 'Allow' };
    fs.writeFileSync(file, stringify(config));
    const fresh = path.join(dir, 'cdktf.out');
    expect(runSynth({ OM_AZURE_CONFIG: file, CDKTF_OUTDIR: fresh }, { stdout: () => {}, stderr: () => {} })).toBe(1);
    expect(fs.existsSync(fresh)).toBe(false);
  });
});
