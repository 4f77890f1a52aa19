import { Compliance, firstBlock, PolicyTarget, TerraformJson } from './policy-rule';

/** IPv4 rules of a Key Vault firewall, as `address` or `address/prefix`, measured. */

/** How many addresses a rule admits (a bare address is one). */
function addressCount(rule: string): number {
  const [, prefix] = rule.split('/');
  const bits = prefix === undefined ? 32 : Number(prefix);
  return 2 ** (32 - bits);
}

/** 0.0.0.0, alone or as a range: the "any address" spelling, never a real client. */
function isAnyAddress(rule: string): boolean {
  return rule.split('/')[0] === '0.0.0.0';
}

/** The address a rule starts at and how many it admits, as numbers (a rule's host bits are masked off, as Azure does). */
function interval(rule: string): [number, number] {
  const [address] = rule.split('/');
  const value = address.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
  const count = addressCount(rule);
  const start = Math.floor(value / count) * count;
  return [start, start + count];
}

/** How many distinct addresses the rules admit together (overlaps counted once). */
function unionCount(rules: readonly string[]): number {
  const intervals = rules.map(interval).sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = -1;
  for (const [start, stop] of intervals) {
    if (stop <= end) continue;
    total += stop - Math.max(start, end);
    end = stop;
  }
  return total;
}

/**
 * Rules opening the vault to the internet at large: 0.0.0.0 in any form, or 2^24 addresses and more
 * (a /8) together: 256 rules of a /16 open as much as one /8.
 */
export function opensToInternet(rules: readonly string[]): boolean {
  return rules.some(isAnyAddress) || unionCount(rules) >= 2 ** 24;
}

/** Rules wider together than any one organisation's egress usually is: more than a /16 (65,536 addresses). */
export function areVeryWide(rules: readonly string[]): boolean {
  return !opensToInternet(rules) && unionCount(rules) > 2 ** 16;
}

/** The firewall IP rules of a vault whose public endpoint is on (others do not apply). */
function publicIpRules(vault: Readonly<TerraformJson>, networkAcls: TerraformJson | undefined): string[] {
  if (vault.public_network_access_enabled === false) return [];
  const rules = networkAcls?.ip_rules;
  return Array.isArray(rules) ? rules.filter((r): r is string => typeof r === 'string') : [];
}

/** A vault check: non-compliant when its public IP rules, judged together, are `bad`; not applicable without IP rules. */
export function ipRulesCheck(bad: (rules: readonly string[]) => boolean): (target: PolicyTarget) => Compliance {
  return (target) => {
    if (target.kind !== 'resource') return 'not-applicable';
    const rules = publicIpRules(target.config, firstBlock(target.config.network_acls));
    if (rules.length === 0) return 'not-applicable';
    return bad(rules) ? 'non-compliant' : 'compliant';
  };
}
