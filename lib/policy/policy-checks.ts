import { IAspect, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { OutputView, PolicyLevel, PolicyRule, PolicyTarget, ResourceView, StackView, TerraformJson } from './policy-rule';
import { RULE_PACK } from './rule-pack';

/** Permission for one environment to break one rule, and why. */
export interface Suppression {
  readonly rule: string;
  readonly reason: string;
}

export interface Finding {
  readonly rule: PolicyRule;
  readonly level: PolicyLevel;
  /** Construct path of the item, or `output.<name>`. */
  readonly path: string;
  /** Set when a suppression covers it: the finding is listed, but does not fail synth. */
  readonly suppressedBecause?: string;
}

export interface PolicyReport {
  readonly stack: string;
  readonly findings: readonly Finding[];
  readonly errors: readonly Finding[];
  readonly warnings: readonly Finding[];
  readonly suppressed: readonly Finding[];
}

/** Properties of the policy checks. */
export interface PolicyChecksProps {
  /** Rules this environment may break, each with its reason. @default - none */
  readonly suppressions?: readonly Suppression[];
  /** The rules to apply. @default - RULE_PACK */
  readonly rules?: readonly PolicyRule[];
}

/** Reads a synthesized stack (`stack.toTerraform()`) into the items the rules look at. */
export function stackView(name: string, tf: TerraformJson): StackView {
  const items: PolicyTarget[] = [];
  const byAddress = new Map<string, ResourceView>();
  for (const [kind, block] of [
    ['resource', tf.resource],
    ['data', tf.data],
  ] as const) {
    for (const [type, byName] of Object.entries(block ?? {})) {
      for (const [logical, config] of Object.entries(byName as Record<string, TerraformJson>)) {
        const address = kind === 'data' ? `data.${type}.${logical}` : `${type}.${logical}`;
        const { '//': meta, ...rest } = config;
        const view: ResourceView = { kind, type, name: logical, address, path: meta?.metadata?.path ?? address, config: rest };
        items.push(view);
        byAddress.set(address, view);
      }
    }
  }
  for (const [logical, output] of Object.entries(tf.output ?? {}) as [string, TerraformJson][]) {
    const view: OutputView = {
      kind: 'output',
      type: 'output',
      name: logical,
      address: `output.${logical}`,
      path: `output.${logical}`,
      value: output.value,
      sensitive: output.sensitive === true,
    };
    items.push(view);
  }
  return {
    name,
    items,
    ofType: (type) => items.filter((i): i is ResourceView => i.kind !== 'output' && i.type === type),
    byAddress: (address) => byAddress.get(address),
  };
}

/** Applies the rules to a stack view. Pure. */
export function evaluate(view: StackView, rules: readonly PolicyRule[], suppressions: readonly Suppression[] = []): PolicyReport {
  const why = new Map(suppressions.map((s) => [s.rule, s.reason]));
  const findings: Finding[] = [];
  for (const rule of rules) {
    for (const item of view.items) {
      if (!rule.appliesTo.includes(item.type)) continue;
      if (rule.check(item, view) !== 'non-compliant') continue;
      findings.push({ rule, level: rule.level, path: item.path, suppressedBecause: why.get(rule.id) });
    }
  }
  return {
    stack: view.name,
    findings,
    errors: findings.filter((f) => f.level === 'error' && !f.suppressedBecause),
    warnings: findings.filter((f) => f.level === 'warning' && !f.suppressedBecause),
    suppressed: findings.filter((f) => f.suppressedBecause),
  };
}

/** Human-readable report: rule ID, resource path, cause and fix per finding. */
export function formatReport(report: PolicyReport): string {
  const lines: string[] = [];
  const counts = `${report.errors.length} error(s), ${report.warnings.length} warning(s), ${report.suppressed.length} suppressed`;
  lines.push(`Policy checks for ${report.stack}: ${counts}`);
  const entry = (label: string, f: Finding, last: string) => {
    lines.push(`  ${label.padEnd(10)} ${f.rule.id} ${f.path}: ${f.rule.cause}`);
    lines.push(`  ${''.padEnd(10)} ${last}`);
  };
  for (const f of report.errors) entry('ERROR', f, `fix: ${f.rule.fix}`);
  for (const f of report.warnings) entry('WARNING', f, `fix: ${f.rule.fix}`);
  for (const f of report.suppressed) entry('SUPPRESSED', f, `reason: ${f.suppressedBecause}`);
  return lines.join('\n');
}

/**
 * The rule pack as a cdktf Aspect. On a stack it evaluates every rule once; at `app.synth()` the
 * unsuppressed errors fail the stack's validation, so synth stops before anything is written.
 * `reportFor` gives the same report earlier, for the CLI to print.
 */
export class PolicyChecks implements IAspect {
  private readonly reports = new Map<TerraformStack, PolicyReport>();
  private readonly validated = new Set<TerraformStack>();

  constructor(private readonly props: PolicyChecksProps = {}) {}

  visit(node: IConstruct): void {
    if (!TerraformStack.isStack(node) || this.validated.has(node)) return;
    this.validated.add(node);
    const report = this.reportFor(node);
    node.node.addValidation({
      validate: () => report.errors.map((f) => `[${f.rule.id}] ${f.path}: ${f.rule.cause} Fix: ${f.rule.fix}`),
    });
  }

  /** The stack's report, evaluated once. */
  reportFor(stack: TerraformStack): PolicyReport {
    let report = this.reports.get(stack);
    if (!report) {
      report = evaluate(stackView(stack.node.id, stack.toTerraform()), this.props.rules ?? RULE_PACK, this.props.suppressions);
      this.reports.set(stack, report);
    }
    return report;
  }
}
