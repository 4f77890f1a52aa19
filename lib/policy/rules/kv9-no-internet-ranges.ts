import { ipRulesCheck, opensToInternet } from '../ip-ranges';
import { PolicyRule } from '../policy-rule';

/** OMKV-KV9: no firewall IP rule opens the vault to the internet. */
export const KV9_NO_INTERNET_RANGES: PolicyRule = {
  id: 'OMKV-KV9',
  level: 'error',
  cause:
    'The firewall IP rules admit the whole internet or a large part of it (0.0.0.0, 0.0.0.0/0, or together as many addresses as a /8).',
  explanation:
    'With default action Deny the vault still looks closed, but such a rule lets any address reach it: every connection secret is then one stolen token away from anywhere.',
  fix: 'List only your egress addresses in keyVault.network.allowedIpRanges (a /24 or narrower), or reach the vault through a subnet or a private endpoint.',
  references: ['MCSB NS-2'],
  settings: ['keyVault.network.allowedIpRanges'],
  appliesTo: ['azurerm_key_vault'],
  check: ipRulesCheck(opensToInternet),
};
