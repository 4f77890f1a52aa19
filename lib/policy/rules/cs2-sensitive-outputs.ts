import { PolicyRule, referencesIn } from '../policy-rule';

/** OMKV-CS2: outputs that carry a secret are sensitive. */
export const CS2_SENSITIVE_OUTPUTS: PolicyRule = {
  id: 'OMKV-CS2',
  level: 'error',
  cause: 'An output carries a client secret but is not marked sensitive.',
  explanation: 'Non-sensitive outputs are printed by plan, apply and cdktf output, and land in CI logs.',
  fix: 'Mark the output sensitive: true.',
  references: ['Terraform: sensitive outputs'],
  settings: [],
  appliesTo: ['output'],
  check(target, stack) {
    if (target.kind !== 'output') return 'not-applicable';
    const secret = referencesIn(target.value).some((a) => stack.byAddress(a)?.type === 'azuread_application_password');
    if (!secret) return 'not-applicable';
    return target.sensitive ? 'compliant' : 'non-compliant';
  },
};
