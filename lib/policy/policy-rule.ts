import { templateParts } from '../facts/terraform-templates';

/**
 * The shape of a policy rule, cdk-nag style: an ID, a one-line cause, an explanation, a fix, and a
 * pure check of one synthesized item in the context of its stack.
 */

export type Compliance = 'compliant' | 'non-compliant' | 'not-applicable';
export type PolicyLevel = 'error' | 'warning';

/**
 * Terraform JSON as cdktf synthesizes it: untyped by nature (every resource type has attributes of
 * its own), so each rule reads the attributes it checks.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the one place synthesized JSON is typed, as what it is
export type TerraformJson = Record<string, any>;

/** A resource or data source as Terraform will read it (tokens already rendered). */
export interface ResourceView {
  readonly kind: 'resource' | 'data';
  readonly type: string;
  /** Logical ID. */
  readonly name: string;
  /** `type.name`, or `data.type.name`: how other items reference it. */
  readonly address: string;
  /** Construct path, e.g. dev/KeyVault/Resource. */
  readonly path: string;
  readonly config: Readonly<TerraformJson>;
}

export interface OutputView {
  readonly kind: 'output';
  readonly type: 'output';
  readonly name: string;
  readonly address: string;
  readonly path: string;
  readonly value: unknown;
  readonly sensitive: boolean;
}

export type PolicyTarget = ResourceView | OutputView;

/** One synthesized stack, read-only. */
export interface StackView {
  readonly name: string;
  readonly items: readonly PolicyTarget[];
  ofType(type: string): readonly ResourceView[];
  byAddress(address: string): ResourceView | undefined;
}

export interface PolicyRule {
  /** OMKV-<area><n>. */
  readonly id: string;
  readonly level: PolicyLevel;
  /** What is wrong, in one line. */
  readonly cause: string;
  /** Why it matters. */
  readonly explanation: string;
  /** What to change in the configuration. */
  readonly fix: string;
  /** Matching checks of other tools or baselines, where one exists. */
  readonly references: readonly string[];
  /**
   * The configuration settings that decide it, most specific first, as dotted paths under an
   * environment; `<role>` is `server` or `ingestion`, read from the finding's construct path. Where
   * a finding points in the configuration file. None for a rule only code can break.
   */
  readonly settings: readonly string[];
  /** Resource types (or 'output') the rule looks at; others are not applicable. */
  readonly appliesTo: readonly string[];
  /** Pure: the same item and stack always give the same answer. */
  check(target: PolicyTarget, stack: StackView): Compliance;
}

/** A nested block: cdktf renders single blocks as an object, list blocks as an array; the first either way. */
export function firstBlock(value: unknown): TerraformJson | undefined {
  const block = Array.isArray(value) ? value[0] : value;
  return block !== null && typeof block === 'object' ? (block as TerraformJson) : undefined;
}

/** Addresses (`type.name` or `data.type.name`) referenced in a value's Terraform expressions (not in its literal text). */
export function referencesIn(value: unknown): string[] {
  const found = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      if (!v.includes('${')) return;
      for (const part of templateParts(v)) {
        if (part.kind !== 'expression') continue;
        // Names that are not addresses of the stack are simply not found by byAddress.
        for (const m of part.source.matchAll(/\b((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+)\.[a-z0-9_]+/g)) found.add(m[1]);
      }
    } else if (Array.isArray(v)) {
      v.forEach(walk);
    } else if (v !== null && typeof v === 'object') {
      Object.values(v).forEach(walk);
    }
  };
  walk(value);
  return [...found];
}
