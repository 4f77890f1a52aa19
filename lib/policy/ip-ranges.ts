import { Compliance, firstBlock, PolicyTarget, TerraformJson } from './policy-rule';

/** IPv4 rules of a Key Vault firewall, as `address` or `address/prefix`, measured. */

/** How many addresses a rule admits (a bare address is one). */
export function addressCount(rule: string): number {
  const [, prefix] = rule.split('/');
  const bits = prefix === undefined ? 32 : Number(prefix);
  return 2 ** (32 - bits);
}

/** 0.0.0.0, alone or as a range: the "any address" spelling, never a real client. */
export function isAnyAddress(rule: string): boolean {
  return rule.split('/')[0] === '0.0.0.0';
}

/** A rule opening the vault to the internet at large: 0.0.0.0 in any form, or 2^24 addresses and more (a /8). */
export function opensToInternet(rule: string): boolean {
  return isAnyAddress(rule) || addressCount(rule) >= 2 ** 24;
}

/** A rule wider than any one organisation's egress usually is: more than a /16 (65,536 addresses). */
export function isVeryWide(rule: string): boolean {
  return !opensToInternet(rule) && addressCount(rule) > 2 ** 16;
}

/** The firewall IP rules of a vault whose public endpoint is on (others do not apply). */
export function publicIpRules(vault: Readonly<TerraformJson>, networkAcls: TerraformJson | undefined): string[] {
  if (vault.public_network_access_enabled === false) return [];
  const rules = networkAcls?.ip_rules;
  return Array.isArray(rules) ? rules.filter((r): r is string => typeof r === 'string') : [];
}

/** A vault check: non-compliant when any public IP rule matches `bad`; not applicable without IP rules. */
export function ipRuleCheck(bad: (rule: string) => boolean): (target: PolicyTarget) => Compliance {
  return (target) => {
    if (target.kind !== 'resource') return 'not-applicable';
    const rules = publicIpRules(target.config, firstBlock(target.config.network_acls));
    if (rules.length === 0) return 'not-applicable';
    return rules.some(bad) ? 'non-compliant' : 'compliant';
  };
}
