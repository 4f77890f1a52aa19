import { firstBlock, PolicyRule } from '../policy-rule';

/** OMKV-KV4: the firewall denies by default while the public endpoint is on. */
export const KV4_NETWORK_DEFAULT_DENY: PolicyRule = {
  id: 'OMKV-KV4',
  level: 'error',
  cause: 'The Key Vault accepts traffic from any network (network default action Allow, or no network rules) while public access is on.',
  explanation:
    'Every connection secret OpenMetadata knows would be one stolen token away from anywhere on the internet; the firewall limits that to the cluster and the networks you list.',
  fix: 'Keep keyVault.network.defaultAction: Deny and list the AKS subnet (allowedSubnetIds) or egress IPs (allowedIpRanges), or use keyVault.privateEndpoint.',
  references: ['checkov CKV_AZURE_109', 'trivy AVD-AZU-0013', 'MCSB NS-2'],
  settings: ['keyVault.network.defaultAction', 'keyVault.privateEndpoint'],
  appliesTo: ['azurerm_key_vault'],
  check(target) {
    if (target.kind !== 'resource') return 'not-applicable';
    if (target.config.public_network_access_enabled === false) return 'compliant';
    return firstBlock(target.config.network_acls)?.default_action === 'Deny' ? 'compliant' : 'non-compliant';
  },
};
