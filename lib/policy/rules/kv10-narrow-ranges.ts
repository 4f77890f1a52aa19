import { ipRulesCheck, areVeryWide } from '../ip-ranges';
import { PolicyRule } from '../policy-rule';

/** OMKV-KV10: firewall IP rules are narrow. */
export const KV10_NARROW_RANGES: PolicyRule = {
  id: 'OMKV-KV10',
  level: 'warning',
  cause: 'The firewall IP rules together admit more than 65,536 addresses (more than a /16).',
  explanation:
    'Egress addresses of an office or a CI runner pool fit in far less; a wide range lets in networks nobody vetted, often a whole provider.',
  fix: 'Narrow keyVault.network.allowedIpRanges to the addresses your clients really leave from, or suppress this rule with the reason the range is yours.',
  references: ['MCSB NS-2'],
  settings: ['keyVault.network.allowedIpRanges'],
  appliesTo: ['azurerm_key_vault'],
  check: ipRulesCheck(areVeryWide),
};
