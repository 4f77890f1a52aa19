import { PolicyRule } from '../policy-rule';
import { hasPrivateEndpoint } from '../private-endpoints';

/** OMKV-KV6: the vault is reached privately. */
export const KV6_PRIVATE_ACCESS: PolicyRule = {
  id: 'OMKV-KV6',
  level: 'warning',
  cause: 'The Key Vault keeps its public endpoint (even behind the firewall) and has no private endpoint.',
  explanation:
    'IP and subnet rules narrow the public endpoint; a private endpoint with public access off removes it. Baselines ask for the latter in production.',
  fix: 'Set keyVault.privateEndpoint (subnet ID and privatelink.vaultcore.azure.net zone ID); public access is then off.',
  references: ['checkov CKV_AZURE_189', 'checkov CKV2_AZURE_32', 'MCSB NS-2'],
  settings: ['keyVault.privateEndpoint'],
  appliesTo: ['azurerm_key_vault'],
  check(target, stack) {
    if (target.kind !== 'resource') return 'not-applicable';
    return target.config.public_network_access_enabled === false && hasPrivateEndpoint(stack, target.address)
      ? 'compliant'
      : 'non-compliant';
  },
};
