import { evaluate, formatReport, stackView } from '../../lib/policy/policy-checks';
import { PolicyRule } from '../../lib/policy/policy-rule';
import { RULE_IDS } from '../../lib/policy/rule-ids';
import { RULE_PACK } from '../../lib/policy/rule-pack';

const SUB = '11111111-1111-1111-1111-111111111111';
const OFFICER = `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/b86a8fe4-44ce-4948-aee5-eccb2c155cd7`;
const USER = `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6`;
const OWNER = `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443d-a75c-2fe8c4bcb635`;
const SUBNET = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/s`;

const meta = (path: string) => ({ '//': { metadata: { path } } });
const VAULT = {
  ...meta('dev/KeyVault/Resource'),
  rbac_authorization_enabled: true,
  purge_protection_enabled: true,
  soft_delete_retention_days: 90,
  public_network_access_enabled: true,
  network_acls: { default_action: 'Deny', bypass: 'AzureServices', ip_rules: [], virtual_network_subnet_ids: [SUBNET] },
};
const IDENTITIES = {
  Server_Identity: meta('dev/Server/Identity'),
  Ingestion_Identity: meta('dev/Ingestion/Identity'),
};
const grant = (who: string, role: string, scope = '${azurerm_key_vault.KeyVault.id}') => ({
  ...meta(`dev/KeyVault/${who}Grant`),
  principal_id: `\${azurerm_user_assigned_identity.${who}_Identity.principal_id}`,
  role_definition_id: role,
  scope,
});
const credential = (over: Record<string, unknown> = {}) => ({
  ...meta('dev/Server/FederatedCredential'),
  parent_id: '${azurerm_user_assigned_identity.Server_Identity.id}',
  issuer: 'https://westeurope.oic.prod-aks.azure.com/t/c/',
  subject: 'system:serviceaccount:openmetadata:openmetadata',
  audience: ['api://AzureADTokenExchange'],
  ...over,
});
const password = (over: Record<string, unknown> = {}) => ({
  ...meta('dev/Server/ClientSecretA'),
  application_id: '${azuread_application.App.id}',
  rotate_when_changed: { rotation: '${time_rotating.RotA.id}' },
  end_date: '${timeadd(time_rotating.RotA.rotation_rfc3339, "720h")}',
  ...over,
});

/** A stack around one vault, with extra resources merged in by type. */
function tf(resources: Record<string, Record<string, unknown>> = {}, extra: Record<string, unknown> = {}) {
  return {
    resource: {
      azurerm_key_vault: { KeyVault: VAULT },
      azurerm_user_assigned_identity: IDENTITIES,
      time_rotating: {
        RotA: { rotation_days: 150 },
        RotB: { rotation_rfc3339: '${timeadd(time_rotating.RotA.rotation_rfc3339, "1800h")}' },
      },
      ...resources,
    },
    ...extra,
  };
}

/** The rule's verdicts on every item of the given type (or output). */
function verdicts(rule: PolicyRule, stack: any, type: string): string[] {
  const view = stackView('dev', stack);
  return view.items.filter((i) => i.type === type).map((i) => rule.check(i, view));
}

const rule = (id: string) => RULE_PACK.find((r) => r.id === id) as PolicyRule;
const vaultWith = (over: Record<string, unknown>) => tf({ azurerm_key_vault: { KeyVault: { ...VAULT, ...over } } });
/** A vault that denies by default and lets these IP rules through (and no subnet). */
const vaultAllowingIps = (ipRules: string[], over: Record<string, unknown> = {}) =>
  vaultWith({
    ...over,
    network_acls: { default_action: 'Deny', bypass: 'AzureServices', ip_rules: ipRules, virtual_network_subnet_ids: [] },
  });

interface Case {
  readonly type: string;
  readonly compliant: unknown;
  readonly nonCompliant: unknown;
}

const CASES: Record<string, Case> = {
  'OMKV-KV1': {
    type: 'azurerm_key_vault',
    compliant: tf(),
    nonCompliant: vaultWith({ rbac_authorization_enabled: false, access_policy: [{ object_id: 'x', secret_permissions: ['Get'] }] }),
  },
  'OMKV-KV2': { type: 'azurerm_key_vault', compliant: tf(), nonCompliant: vaultWith({ purge_protection_enabled: false }) },
  'OMKV-KV3': { type: 'azurerm_key_vault', compliant: tf(), nonCompliant: vaultWith({ soft_delete_retention_days: undefined }) },
  'OMKV-KV4': {
    type: 'azurerm_key_vault',
    compliant: tf(),
    nonCompliant: vaultWith({
      network_acls: { default_action: 'Allow', bypass: 'AzureServices', ip_rules: [], virtual_network_subnet_ids: [] },
    }),
  },
  'OMKV-KV9': {
    type: 'azurerm_key_vault',
    compliant: vaultAllowingIps(['203.0.113.0/24']),
    nonCompliant: vaultAllowingIps(['203.0.113.7', '0.0.0.0/0']),
  },
  'OMKV-KV10': {
    type: 'azurerm_key_vault',
    compliant: vaultAllowingIps(['198.51.0.0/16']),
    nonCompliant: vaultAllowingIps(['100.64.0.0/10']),
  },
  'OMKV-KV5': {
    type: 'azurerm_key_vault',
    compliant: tf(),
    nonCompliant: vaultWith({
      network_acls: { default_action: 'Deny', bypass: 'AzureServices', ip_rules: [], virtual_network_subnet_ids: [] },
    }),
  },
  'OMKV-KV6': {
    type: 'azurerm_key_vault',
    compliant: tf({
      azurerm_key_vault: { KeyVault: { ...VAULT, public_network_access_enabled: false } },
      azurerm_private_endpoint: {
        Pe: { private_service_connection: { private_connection_resource_id: '${azurerm_key_vault.KeyVault.id}' } },
      },
    }),
    nonCompliant: tf(),
  },
  'OMKV-KV7': {
    type: 'azurerm_key_vault',
    compliant: tf({
      azurerm_monitor_diagnostic_setting: {
        D: { target_resource_id: '${azurerm_key_vault.KeyVault.id}', enabled_log: [{ category_group: 'audit' }] },
      },
    }),
    nonCompliant: tf({
      azurerm_monitor_diagnostic_setting: {
        D: { target_resource_id: '${azurerm_key_vault.Other.id}', enabled_log: [{ category_group: 'audit' }] },
      },
    }),
  },
  'OMKV-KV8': {
    type: 'azurerm_key_vault',
    compliant: tf({ azurerm_management_lock: { L: { scope: '${azurerm_key_vault.KeyVault.id}', lock_level: 'CanNotDelete' } } }),
    nonCompliant: tf(),
  },
  'OMKV-RA1': {
    type: 'azurerm_role_assignment',
    compliant: tf({ azurerm_role_assignment: { G: grant('Server', OFFICER) } }),
    nonCompliant: tf({ azurerm_role_assignment: { G: grant('Server', OWNER) } }),
  },
  'OMKV-RA2': {
    type: 'azurerm_role_assignment',
    compliant: tf({ azurerm_role_assignment: { G: grant('Server', OFFICER) } }),
    nonCompliant: tf({ azurerm_role_assignment: { G: grant('Server', OFFICER, `/subscriptions/${SUB}/resourceGroups/rg-om`) } }),
  },
  'OMKV-RA3': {
    type: 'azurerm_role_assignment',
    compliant: tf({ azurerm_role_assignment: { G: grant('Ingestion', USER) } }),
    nonCompliant: tf({ azurerm_role_assignment: { G: grant('Ingestion', OFFICER) } }),
  },
  'OMKV-RA4': {
    type: 'azurerm_role_assignment',
    compliant: tf({ azurerm_role_assignment: { G: grant('Server', OFFICER), H: grant('Ingestion', USER) } }),
    nonCompliant: tf({ azurerm_role_assignment: { G: grant('Server', OFFICER), H: grant('Server', USER) } }),
  },
  'OMKV-ID1': {
    type: 'azurerm_federated_identity_credential',
    compliant: tf({ azurerm_federated_identity_credential: { C: credential() } }),
    nonCompliant: tf({
      azurerm_federated_identity_credential: { C: credential({ audience: ['api://AzureADTokenExchange', 'api://other'] }) },
    }),
  },
  'OMKV-ID2': {
    type: 'azurerm_federated_identity_credential',
    compliant: tf({ azurerm_federated_identity_credential: { C: credential() } }),
    nonCompliant: tf({ azurerm_federated_identity_credential: { C: credential({ subject: 'system:serviceaccount:openmetadata:*' }) } }),
  },
  'OMKV-ID3': {
    type: 'azurerm_federated_identity_credential',
    compliant: tf({ azurerm_federated_identity_credential: { C: credential() } }),
    nonCompliant: tf({ azurerm_federated_identity_credential: { C: credential({ issuer: 'http://issuer.example/' }) } }),
  },
  'OMKV-ID4': {
    type: 'azurerm_federated_identity_credential',
    compliant: tf({
      azurerm_federated_identity_credential: Object.fromEntries(
        [...Array(20).keys()].map((i) => [`C${i}`, credential({ subject: `system:serviceaccount:a:w${i}` })]),
      ),
    }),
    nonCompliant: tf({
      azurerm_federated_identity_credential: Object.fromEntries(
        [...Array(21).keys()].map((i) => [`C${i}`, credential({ subject: `system:serviceaccount:a:w${i}` })]),
      ),
    }),
  },
  'OMKV-K8S1': {
    type: 'azurerm_federated_identity_credential',
    compliant: tf({ azurerm_federated_identity_credential: { C: credential() } }),
    nonCompliant: tf({
      azurerm_federated_identity_credential: { C: credential({ subject: 'system:serviceaccount:default:openmetadata' }) },
    }),
  },
  'OMKV-CS1': {
    type: 'azuread_application_password',
    compliant: tf({ azuread_application_password: { A: password() } }),
    nonCompliant: tf({ azuread_application_password: { A: password({ end_date: undefined }) } }),
  },
  'OMKV-AZ1': {
    type: 'azurerm_key_vault',
    compliant: vaultWith({ location: 'westeurope' }),
    nonCompliant: vaultWith({ location: 'westeuropa' }),
  },
  'OMKV-CS2': {
    type: 'output',
    compliant: tf(
      { azuread_application_password: { A: password() } },
      { output: { s: { value: '${azuread_application_password.A.value}', sensitive: true } } },
    ),
    nonCompliant: tf(
      { azuread_application_password: { A: password() } },
      { output: { s: { value: '${azuread_application_password.A.value}', sensitive: false } } },
    ),
  },
};

test('the rule IDs the config accepts are those of the rule pack, in its order', () => {
  expect(RULE_PACK.map((r) => r.id)).toEqual(RULE_IDS);
});

test('every rule has an ID, a level, a one-line cause, an explanation and a fix', () => {
  expect(new Set(RULE_IDS).size).toBe(RULE_PACK.length);
  for (const r of RULE_PACK) {
    expect(r.id).toMatch(/^OMKV-[A-Z0-9]+[0-9]$/);
    expect(['error', 'warning']).toContain(r.level);
    for (const text of [r.cause, r.explanation, r.fix]) {
      expect(text.length).toBeGreaterThan(20);
      expect(text).not.toContain('\n');
    }
  }
});

test('every rule has a compliant and a non-compliant case here', () => {
  expect(Object.keys(CASES).sort()).toEqual([...RULE_IDS].sort());
});

describe.each(Object.entries(CASES))('%s', (id, c) => {
  test('passes the compliant case', () => {
    const results = verdicts(rule(id), c.compliant, c.type);
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((r) => r === 'compliant' || r === 'not-applicable')).toBe(true);
    expect(results).toContain('compliant');
  });

  test('flags the non-compliant case', () => {
    expect(verdicts(rule(id), c.nonCompliant, c.type)).toContain('non-compliant');
  });
});

describe('rules on the edges', () => {
  test('AZ1 takes a display name, warns on a sovereign-cloud region, leaves a location read at plan alone', () => {
    expect(verdicts(rule('OMKV-AZ1'), vaultWith({ location: 'West Europe' }), 'azurerm_key_vault')).toEqual(['compliant']);
    expect(verdicts(rule('OMKV-AZ1'), vaultWith({ location: 'chinanorth3' }), 'azurerm_key_vault')).toEqual(['non-compliant']);
    expect(verdicts(rule('OMKV-AZ1'), vaultWith({ location: '${data.azurerm_virtual_network.V.location}' }), 'azurerm_key_vault')).toEqual([
      'not-applicable',
    ]);
  });

  test('KV1 flags a separate access policy resource', () => {
    expect(
      verdicts(
        rule('OMKV-KV1'),
        tf({ azurerm_key_vault_access_policy: { P: { key_vault_id: '${azurerm_key_vault.KeyVault.id}' } } }),
        'azurerm_key_vault_access_policy',
      ),
    ).toEqual(['non-compliant']);
  });

  test.each([
    ['0.0.0.0/0', 'non-compliant'],
    ['0.0.0.0', 'non-compliant'],
    ['0.0.0.0/32', 'non-compliant'],
    ['10.0.0.0/8', 'non-compliant'],
    ['128.0.0.0/1', 'non-compliant'],
    ['11.0.0.0/9', 'compliant'],
    ['203.0.113.7', 'compliant'],
  ])('KV9 judges the IP rule %s %s', (ip, verdict) => {
    const vault = vaultAllowingIps([ip]);
    expect(verdicts(rule('OMKV-KV9'), vault, 'azurerm_key_vault')).toEqual([verdict]);
  });

  test.each([
    ['11.0.0.0/9', 'non-compliant'],
    ['172.16.0.0/15', 'non-compliant'],
    ['172.16.0.0/16', 'compliant'],
    ['0.0.0.0/0', 'compliant'],
  ])('KV10 warns about the IP rule %s: %s', (ip, verdict) => {
    const vault = vaultAllowingIps([ip]);
    expect(verdicts(rule('OMKV-KV10'), vault, 'azurerm_key_vault')).toEqual([verdict]);
  });

  test('KV9 judges the rules together: 256 /16 ranges open as much as a /8', () => {
    const ranges = [...Array(256).keys()].map((i) => `10.${i}.0.0/16`);
    expect(verdicts(rule('OMKV-KV9'), vaultAllowingIps(ranges), 'azurerm_key_vault')).toEqual(['non-compliant']);
    expect(verdicts(rule('OMKV-KV9'), vaultAllowingIps(ranges.slice(1)), 'azurerm_key_vault')).toEqual(['compliant']);
  });

  test('KV10 judges the rules together, counting overlaps once', () => {
    expect(verdicts(rule('OMKV-KV10'), vaultAllowingIps(['172.16.0.0/16', '172.17.0.0/16']), 'azurerm_key_vault')).toEqual([
      'non-compliant',
    ]);
    expect(verdicts(rule('OMKV-KV10'), vaultAllowingIps(['172.16.0.0/16', '172.16.5.0/24', '172.16.9.9']), 'azurerm_key_vault')).toEqual([
      'compliant',
    ]);
  });

  test('KV9 and KV10 do not apply when public access is off (IP rules are then unused)', () => {
    const vault = vaultAllowingIps(['0.0.0.0/0'], { public_network_access_enabled: false });
    expect(verdicts(rule('OMKV-KV9'), vault, 'azurerm_key_vault')).toEqual(['not-applicable']);
    expect(verdicts(rule('OMKV-KV10'), vault, 'azurerm_key_vault')).toEqual(['not-applicable']);
  });

  test('KV4 does not apply its firewall demand to a vault with public access off', () => {
    expect(
      verdicts(
        rule('OMKV-KV4'),
        vaultWith({ public_network_access_enabled: false, network_acls: { default_action: 'Allow' } }),
        'azurerm_key_vault',
      ),
    ).toEqual(['compliant']);
  });

  test('KV5 flags public access off without a private endpoint', () => {
    expect(verdicts(rule('OMKV-KV5'), vaultWith({ public_network_access_enabled: false }), 'azurerm_key_vault')).toEqual(['non-compliant']);
  });

  test('RA2 accepts a literal vault ID and refuses a subscription', () => {
    const literal = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-x`;
    expect(
      verdicts(rule('OMKV-RA2'), tf({ azurerm_role_assignment: { G: grant('Server', USER, literal) } }), 'azurerm_role_assignment'),
    ).toEqual(['compliant']);
    expect(
      verdicts(
        rule('OMKV-RA2'),
        tf({ azurerm_role_assignment: { G: grant('Server', USER, `/subscriptions/${SUB}`) } }),
        'azurerm_role_assignment',
      ),
    ).toEqual(['non-compliant']);
  });

  test('RA3 does not apply to the server', () => {
    expect(verdicts(rule('OMKV-RA3'), tf({ azurerm_role_assignment: { G: grant('Server', OFFICER) } }), 'azurerm_role_assignment')).toEqual(
      ['not-applicable'],
    );
  });

  test('RA1 refuses Key Vault Administrator by name', () => {
    const byName = { ...grant('Server', OFFICER), role_definition_id: undefined, role_definition_name: 'Key Vault Administrator' };
    expect(verdicts(rule('OMKV-RA1'), tf({ azurerm_role_assignment: { G: byName } }), 'azurerm_role_assignment')).toEqual([
      'non-compliant',
    ]);
  });

  test('ID3 accepts the AKS data source issuer', () => {
    const stack = tf(
      { azurerm_federated_identity_credential: { C: credential({ issuer: '${data.azurerm_kubernetes_cluster.Aks.oidc_issuer_url}' }) } },
      { data: { azurerm_kubernetes_cluster: { Aks: { name: 'aks' } } } },
    );
    expect(verdicts(rule('OMKV-ID3'), stack, 'azurerm_federated_identity_credential')).toEqual(['compliant']);
  });

  test('K8S1 flags a managed service account named default', () => {
    const stack = tf({ kubernetes_service_account_v1: { S: { metadata: { name: 'default', namespace: 'openmetadata' } } } });
    expect(verdicts(rule('OMKV-K8S1'), stack, 'kubernetes_service_account_v1')).toEqual(['non-compliant']);
  });

  test('CS1 checks the staggered secret against its partner period, and refuses a lifetime over a year', () => {
    const b = password({
      rotate_when_changed: { rotation: '${time_rotating.RotB.id}' },
      end_date: '${timeadd(time_rotating.RotB.rotation_rfc3339, "720h")}',
    });
    expect(verdicts(rule('OMKV-CS1'), tf({ azuread_application_password: { B: b } }), 'azuread_application_password')).toEqual([
      'compliant',
    ]);
    const long = tf({ azuread_application_password: { A: password() }, time_rotating: { RotA: { rotation_days: 360 } } });
    expect(verdicts(rule('OMKV-CS1'), long, 'azuread_application_password')).toEqual(['non-compliant']);
    const relative = password({ end_date: undefined, end_date_relative: '9000h' });
    expect(verdicts(rule('OMKV-CS1'), tf({ azuread_application_password: { A: relative } }), 'azuread_application_password')).toEqual([
      'non-compliant',
    ]);
  });

  test('CS2 does not apply to outputs without secrets', () => {
    expect(verdicts(rule('OMKV-CS2'), tf({}, { output: { n: { value: 'kv', sensitive: false } } }), 'output')).toEqual(['not-applicable']);
  });
});

describe('evaluation and report', () => {
  const bad = vaultWith({ purge_protection_enabled: false });

  test('lists each finding with rule ID, path, cause and fix', () => {
    const report = evaluate(stackView('dev', bad), RULE_PACK);
    expect(report.errors.map((f) => `${f.rule.id} ${f.path}`)).toEqual(['OMKV-KV2 dev/KeyVault/Resource']);
    expect(formatReport(report)).toContain(
      '  ERROR      OMKV-KV2 dev/KeyVault/Resource: The Key Vault has purge protection off.\n             fix: Set keyVault.purgeProtection: true',
    );
  });

  test('a suppression turns an error into a listed exception with its reason', () => {
    const report = evaluate(stackView('dev', bad), RULE_PACK, [{ rule: 'OMKV-KV2', reason: 'throwaway test vault, purged nightly' }]);
    expect(report.errors).toEqual([]);
    expect(report.suppressed.map((f) => f.rule.id)).toEqual(['OMKV-KV2']);
    expect(formatReport(report)).toContain(
      'SUPPRESSED OMKV-KV2 dev/KeyVault/Resource: The Key Vault has purge protection off.\n             reason: throwaway test vault, purged nightly',
    );
  });

  test('warnings do not count as errors', () => {
    const report = evaluate(stackView('dev', tf()), RULE_PACK);
    expect(report.errors).toEqual([]);
    expect(report.warnings.map((f) => f.rule.id).sort()).toEqual(['OMKV-KV6', 'OMKV-KV7', 'OMKV-KV8']);
  });
});
