import { firstBlock, PolicyRule } from '../policy-rule';
import { hasPrivateEndpoint } from '../private-endpoints';

/** OMKV-KV5: the cluster can reach the vault. */
export const KV5_REACHABLE: PolicyRule = {
  id: 'OMKV-KV5',
  level: 'error',
  cause:
    'Nothing can reach the Key Vault: public access is off without a private endpoint, or the firewall denies everything and allows no subnet or IP.',
  explanation:
    'Trusted Azure services do not include AKS pods: with no allowed subnet, IP range or private endpoint the OpenMetadata server and Airflow fail on their first secret, after a successful deploy.',
  fix: 'Add the AKS node subnet (with the Microsoft.KeyVault service endpoint) to keyVault.network.allowedSubnetIds, the egress IPs to allowedIpRanges, or configure keyVault.privateEndpoint.',
  references: [],
  settings: ['keyVault.network.allowedSubnetIds', 'keyVault.network.allowedIpRanges', 'keyVault.privateEndpoint'],
  appliesTo: ['azurerm_key_vault'],
  check(target, stack) {
    if (target.kind !== 'resource') return 'not-applicable';
    if (hasPrivateEndpoint(stack, target.address)) return 'compliant';
    if (target.config.public_network_access_enabled === false) return 'non-compliant';
    const acl = firstBlock(target.config.network_acls);
    if (acl?.default_action !== 'Deny') return 'compliant';
    const allowed = (acl.ip_rules ?? []).length + (acl.virtual_network_subnet_ids ?? []).length;
    return allowed > 0 ? 'compliant' : 'non-compliant';
  },
};
