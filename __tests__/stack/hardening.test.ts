import '../setup';
import { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock';
import { MonitorDiagnosticSetting } from '@cdktf/provider-azurerm/lib/monitor-diagnostic-setting';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { Testing } from 'cdktf';
import { OpenMetadataKeyVaultStack } from '../../lib/stack/openmetadata-keyvault-stack';
import { environmentWith, onlyResource, problemsWith, resourcesOf, SUBSCRIPTION, synthEnvironment } from '../helpers';

const SUBNET = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet-pe`;
const ZONE = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net`;
const WORKSPACE = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/law-platform`;
const vaultRef = /^\$\{azurerm_key_vault\.KeyVault_[0-9A-F]{8}\.id\}$/;

describe('private endpoint', () => {
  const { text, json, stack } = synthEnvironment(
    (e) => (e.keyVault = { name: 'kv-om-test', privateEndpoint: { subnetId: SUBNET, privateDnsZoneId: ZONE } }),
  );

  test('connects to the vault and registers in the privatelink zone', () => {
    expect(text).toHaveResourceWithProperties(PrivateEndpoint, {
      name: 'pe-kv-om-test',
      subnet_id: SUBNET,
      private_dns_zone_group: { name: 'vaultcore', private_dns_zone_ids: [ZONE] },
    });
    const pe = onlyResource(json, 'azurerm_private_endpoint');
    expect(pe.private_service_connection).toEqual({
      name: 'psc-kv-om-test',
      private_connection_resource_id: expect.stringMatching(vaultRef),
      subresource_names: ['vault'],
      is_manual_connection: false,
    });
  });

  test('turns public network access off', () => {
    expect(onlyResource(json, 'azurerm_key_vault').public_network_access_enabled).toBe(false);
  });

  test('satisfies the reachability and private access rules', () => {
    const ids = stack.policyReport().findings.map((f) => f.rule.id);
    expect(ids).not.toContain('OMKV-KV5');
    expect(ids).not.toContain('OMKV-KV6');
  });

  test('fails when the DNS zone is not the Key Vault privatelink zone', () => {
    const problems = problemsWith(
      (e) => (e.keyVault.privateEndpoint = { subnetId: SUBNET, privateDnsZoneId: ZONE.replace('vaultcore', 'blob.core') }),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('environments.test.keyVault.privateEndpoint.privateDnsZoneId: received "/subscriptions/');
    expect(problems[0]).toContain('expected the resource ID of a privatelink.vaultcore.azure.net private DNS zone');
  });
});

describe('diagnostic settings', () => {
  test('send audit logs and AllMetrics to Log Analytics', () => {
    const { text, json } = synthEnvironment((e) => (e.keyVault.diagnostics = { logAnalyticsWorkspaceId: WORKSPACE }));
    expect(text).toHaveResourceWithProperties(MonitorDiagnosticSetting, {
      log_analytics_workspace_id: WORKSPACE,
      enabled_log: [{ category_group: 'audit' }],
      enabled_metric: [{ category: 'AllMetrics' }],
    });
    expect(onlyResource(json, 'azurerm_monitor_diagnostic_setting').target_resource_id).toMatch(vaultRef);
  });

  test('can send all logs', () => {
    const { json } = synthEnvironment((e) => (e.keyVault.diagnostics = { logAnalyticsWorkspaceId: WORKSPACE, logs: 'allLogs' }));
    expect(onlyResource(json, 'azurerm_monitor_diagnostic_setting').enabled_log).toEqual([{ category_group: 'allLogs' }]);
  });

  test('fails when the workspace ID is not a Log Analytics workspace', () => {
    const problems = problemsWith((e) => (e.keyVault.diagnostics = { logAnalyticsWorkspaceId: 'law-platform' }));
    expect(problems).toEqual([
      'environments.test.keyVault.diagnostics.logAnalyticsWorkspaceId: received "law-platform"; expected a Log Analytics workspace resource ID: /subscriptions/<GUID>/resourceGroups/<group>/providers/Microsoft.OperationalInsights/workspaces/<name>, names as Azure allows them',
    ]);
  });
});

describe('management lock', () => {
  test('guards a new vault by default', () => {
    const { text, json } = synthEnvironment();
    expect(text).toHaveResourceWithProperties(ManagementLock, { name: 'lock-kv-om-test', lock_level: 'CanNotDelete' });
    expect(onlyResource(json, 'azurerm_management_lock').scope).toMatch(vaultRef);
  });

  // The warning it gives when the plan creates the lock is pinned in standin/vault-lock.test.ts.
  test('is checked at every plan: its ID is known only while it is in place', () => {
    const { json } = synthEnvironment();
    const [address] = Object.keys(resourcesOf(json, 'azurerm_management_lock'));
    expect(json.check).toEqual({
      vault_lock: {
        assert: [{ condition: `\${azurerm_management_lock.${address}.id != ""}`, error_message: expect.stringContaining('Apply again') }],
      },
    });
  });

  test('can be left out, which the policy then warns about', () => {
    const { json, stack } = synthEnvironment((e) => (e.keyVault.lock = false));
    expect(resourcesOf(json, 'azurerm_management_lock')).toEqual({});
    expect(json.check).toBeUndefined();
    expect(stack.policyReport().warnings.map((f) => f.rule.id)).toContain('OMKV-KV8');
  });
});

describe('policy checks on the stack', () => {
  test('the default configuration has no policy error', () => {
    expect(synthEnvironment().stack.policyReport().errors).toEqual([]);
  });

  test('a vault open to every network is an error, with the fix', () => {
    const { stack } = synthEnvironment((e) => (e.keyVault.network = { defaultAction: 'Allow' }));
    const [error] = stack.policyReport().errors;
    expect(error.rule.id).toBe('OMKV-KV4');
    expect(error.path).toBe('test/KeyVault/Resource');
  });

  test.each(['0.0.0.0/0', '0.0.0.0'])('an IP rule of %s is an error: it opens the vault to the internet', (ip) => {
    const { stack } = synthEnvironment((e) => (e.keyVault.network = { allowedIpRanges: [ip] }));
    expect(stack.policyReport().errors.map((f) => f.rule.id)).toEqual(['OMKV-KV9']);
  });

  test('a very wide IP rule is a warning', () => {
    const { stack } = synthEnvironment((e) => (e.keyVault.network = { allowedIpRanges: ['100.64.0.0/10'] }));
    expect(stack.policyReport().errors).toEqual([]);
    expect(stack.policyReport().warnings.map((f) => f.rule.id)).toContain('OMKV-KV10');
  });

  test('IP rules that together admit as much as a /8 are an error, each narrower than a /16', () => {
    const ranges = [...Array(256).keys()].map((i) => `11.${i}.0.0/16`);
    const { stack } = synthEnvironment((e) => (e.keyVault.network = { allowedIpRanges: ranges }));
    expect(stack.policyReport().errors.map((f) => f.rule.id)).toEqual(['OMKV-KV9']);
  });

  test('a location not in the pinned region list is a warning, not an error (new regions open)', () => {
    const { stack } = synthEnvironment((e) => (e.location = 'westeuropa'));
    expect(stack.policyReport().errors).toEqual([]);
    expect(
      stack
        .policyReport()
        .warnings.filter((f) => f.rule.id === 'OMKV-AZ1')
        .map((f) => f.path),
    ).toEqual(['test/ResourceGroup', 'test/KeyVault/Resource', 'test/Server/Identity', 'test/Ingestion/Identity']);
  });

  test('a vault nothing can reach is an error', () => {
    const { stack } = synthEnvironment((e) => (e.keyVault = { name: 'kv-om-test' }));
    expect(stack.policyReport().errors.map((f) => f.rule.id)).toEqual(['OMKV-KV5']);
  });

  test('a suppression from the config is honoured and keeps its reason', () => {
    const { stack } = synthEnvironment((e) => {
      e.keyVault.network = { defaultAction: 'Allow' };
      e.policy = { suppressions: [{ rule: 'OMKV-KV4', reason: 'lab vault, no data worth protecting' }] };
    });
    const report = stack.policyReport();
    expect(report.errors).toEqual([]);
    expect(report.suppressed.map((f) => [f.rule.id, f.suppressedBecause])).toEqual([['OMKV-KV4', 'lab vault, no data worth protecting']]);
  });

  test('app synth stops on policy errors (the aspect validates the stack)', () => {
    const environment = environmentWith((e) => (e.keyVault = { name: 'kv-om-test' }));
    const stack = new OpenMetadataKeyVaultStack(Testing.app(), 'test', { environment });
    expect(() => Testing.synth(stack, true)).toThrow(/\[OMKV-KV5\] test\/KeyVault\/Resource: Nothing can reach the Key Vault/);
  });

  test.each([
    [
      'fails when a suppression names no known rule',
      { suppressions: [{ rule: 'OMKV-XX1', reason: 'a long enough reason' }] },
      'environments.test.policy.suppressions[0].rule: received "OMKV-XX1"; expected one of the policy rule IDs OMKV-KV1',
    ],
    [
      'fails when a suppression has a short reason',
      { suppressions: [{ rule: 'OMKV-KV6', reason: 'because' }] },
      'environments.test.policy.suppressions[0].reason: received "because"; expected a reason of at least 10 characters',
    ],
    [
      'fails when a suppression has no reason',
      { suppressions: [{ rule: 'OMKV-KV6' }] },
      'environments.test.policy.suppressions[0].reason: received nothing (missing)',
    ],
    [
      'fails when a rule is suppressed twice',
      {
        suppressions: [
          { rule: 'OMKV-KV6', reason: 'first reason given' },
          { rule: 'OMKV-KV6', reason: 'second reason given' },
        ],
      },
      'environments.test.policy.suppressions[1].rule: received "OMKV-KV6"; expected each rule suppressed once',
    ],
  ])('%s', (_name, policy, message) => {
    const problems = problemsWith((e) => (e.policy = policy));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });
});
