import { Token } from 'cdktf';
import type { IConstruct } from 'constructs';
import * as rules from '../facts/naming-rules';

/**
 * Checks a prop by the config file's rule, unless it is a reference (a token resolved at apply, such
 * as a subnet created in the same stack): Azure judges those. Here, not in naming-rules, so the
 * config loader and `npm run values` do not load cdktf.
 */
export function checkLiteral(rule: rules.Rule, property: string, value: string, scope: IConstruct): void {
  if (!Token.isUnresolved(value)) rules.check(rule, property, value, scope);
}
