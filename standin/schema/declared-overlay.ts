/**
 * The bindings were generated from older provider versions than the stacks declare (see
 * lib/facts/provider-versions.ts). Where they differ, the stand-ins serve the declared version:
 * the schema facts read at the declared tag (lib/facts/provider-schemas/) decide which arguments
 * exist, which are required, optional or computed, and which are deprecated. Element types the
 * facts do not record come from the binding; an argument new since the binding gets the element
 * type string, the only one such arguments have so far (each is listed by `overlayReport`).
 */
import type { AttributeSchema, BlockSchema, CtyType, NestedBlockSchema, TypeSchema } from './types';

/** One argument as lib/facts/provider-schemas/ records it. */
export interface ArgumentFact {
  kind: 'attribute' | 'block';
  type?: 'string' | 'bool' | 'number' | 'list' | 'set' | 'map';
  nesting?: 'list' | 'set';
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  forceNew?: boolean;
  deprecated?: string;
  maxItems?: number;
  sensitive?: boolean;
  writeOnly?: boolean;
  default?: string | number | boolean;
  allowedValues?: string[];
  range?: [number, number | null];
  conflictsWith?: string[];
  exactlyOneOf?: string[];
  atLeastOneOf?: string[];
  requiredWith?: string[];
  arguments?: Record<string, ArgumentFact>;
}

/** A computed attribute the stacks read. */
export interface AttributeFact {
  type: 'string' | 'bool' | 'number' | 'list' | 'set' | 'map';
  sensitive?: boolean;
  attributes?: string[];
}

export interface TypeFacts {
  file: string;
  arguments: Record<string, ArgumentFact>;
  attributes?: Record<string, AttributeFact>;
}

export interface SchemaFactsFile {
  provider: string;
  version: string;
  repository: string;
  tag: string;
  types: Record<string, TypeFacts>;
}

/** Arguments every SDK type has that the facts leave out. */
const IMPLICIT = new Set(['id', 'timeouts']);

/** Applies one type's facts to its binding schema; returns what changed, one line per change. */
export function applyTypeFacts(schema: TypeSchema, facts: TypeFacts): string[] {
  const changes: string[] = [];
  overlayBlock(schema.block, facts.arguments, '', changes);
  for (const [name, fact] of Object.entries(facts.attributes ?? {})) {
    const attribute = schema.block.attributes[name];
    if (!attribute) {
      schema.block.attributes[name] = { type: coarseType(fact.type), computed: true, ...(fact.sensitive ? { sensitive: true } : {}) };
      changes.push(`${name}: computed attribute added`);
    } else if (fact.sensitive && !attribute.sensitive) {
      attribute.sensitive = true;
    }
  }
  return changes;
}

function overlayBlock(block: BlockSchema, facts: Record<string, ArgumentFact>, prefix: string, changes: string[]): void {
  // An argument the binding has and the declared version lacks was removed since the binding.
  for (const [name, a] of Object.entries(block.attributes)) {
    if (IMPLICIT.has(name) || facts[name] || !(a.optional || a.required)) continue;
    delete block.attributes[name];
    changes.push(`${prefix}${name}: removed`);
  }
  for (const name of Object.keys(block.blocks)) {
    if (IMPLICIT.has(name) || facts[name]) continue;
    delete block.blocks[name];
    changes.push(`${prefix}${name}: block removed`);
  }
  for (const [name, fact] of Object.entries(facts)) {
    if (fact.kind === 'block') {
      let nested = block.blocks[name];
      if (!nested) {
        nested = { nesting: fact.nesting ?? 'list', block: { attributes: {}, blocks: {} } };
        block.blocks[name] = nested;
        changes.push(`${prefix}${name}: block added`);
      }
      overlayNested(nested, fact);
      overlayBlock(nested.block, fact.arguments ?? {}, `${prefix}${name}.`, changes);
      continue;
    }
    let attribute = block.attributes[name];
    if (!attribute) {
      attribute = { type: coarseType(fact.type) };
      block.attributes[name] = attribute;
      changes.push(`${prefix}${name}: added`);
    }
    overlayAttribute(attribute, fact);
  }
}

function overlayNested(nested: NestedBlockSchema, fact: ArgumentFact): void {
  if (fact.nesting) nested.nesting = fact.nesting;
  if (fact.forceNew) nested.forceNew = true;
  if (fact.maxItems !== undefined) nested.maxItems = fact.maxItems;
  if (fact.required) nested.minItems = Math.max(nested.minItems ?? 0, 1);
  else delete nested.minItems;
}

function overlayAttribute(attribute: AttributeSchema, fact: ArgumentFact): void {
  for (const flag of ['required', 'optional', 'computed'] as const) {
    if (fact[flag]) attribute[flag] = true;
    else delete attribute[flag];
  }
  if (fact.deprecated) {
    attribute.deprecated = true;
    attribute.deprecationMessage = fact.deprecated;
  } else {
    delete attribute.deprecated;
    delete attribute.deprecationMessage;
  }
  if (fact.sensitive) attribute.sensitive = true;
  if (fact.writeOnly) attribute.writeOnly = true;
  if (fact.forceNew) attribute.forceNew = true;
  else delete attribute.forceNew;
  if (fact.default !== undefined) attribute.default = fact.default;
  // A list of strings is validated element by element, as SDKv2 does for Elem validators.
  if (fact.allowedValues) attribute.allowedValues = fact.allowedValues;
  if (fact.range) attribute.range = fact.range;
  const relations = {
    ...(fact.conflictsWith ? { conflictsWith: fact.conflictsWith } : {}),
    ...(fact.exactlyOneOf ? { exactlyOneOf: fact.exactlyOneOf } : {}),
    ...(fact.atLeastOneOf ? { atLeastOneOf: fact.atLeastOneOf } : {}),
    ...(fact.requiredWith ? { requiredWith: fact.requiredWith } : {}),
  };
  if (Object.keys(relations).length > 0) attribute.relations = relations;
}

function coarseType(type: ArgumentFact['type']): CtyType {
  switch (type) {
    case 'string':
    case 'number':
      return type;
    case 'bool':
      return 'bool';
    case 'list':
    case 'set':
    case 'map':
      return [type, 'string'];
    default:
      throw new Error(`schema facts: an argument without a type (${String(type)})`);
  }
}
