import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

/**
 * The schema facts of lib/facts/provider-schemas/ (read at each declared provider version's tag)
 * and a check of a synthesized stack against them: an argument the version lacks or has
 * deprecated, or a required one the stack omits.
 */

export interface SchemaArgument {
  readonly kind: 'attribute' | 'block';
  readonly type?: string;
  readonly nesting?: 'list' | 'set';
  readonly maxItems?: number;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly forceNew?: boolean;
  readonly deprecated?: string;
  readonly exactlyOneOf?: readonly string[];
  readonly atLeastOneOf?: readonly string[];
  readonly conflictsWith?: readonly string[];
  readonly arguments?: Readonly<Record<string, SchemaArgument>>;
}

/** A computed-only attribute the stacks read; `attributes` names those of each element of a list. */
export interface SchemaAttribute {
  readonly type: string;
  readonly sensitive?: boolean;
  readonly attributes?: readonly string[];
}

export interface TypeSchema {
  /** The provider, its version and the tag the type was read at. */
  readonly provider: string;
  readonly version: string;
  readonly tag: string;
  readonly file: string;
  readonly arguments: Readonly<Record<string, SchemaArgument>>;
  /** Computed-only attributes the stacks reference (arguments can be referenced too). */
  readonly attributes: Readonly<Record<string, SchemaAttribute>>;
}

const SCHEMA_DIR = join(__dirname, '..', 'lib', 'facts', 'provider-schemas');

/** Every type of every facts file, by `resource.<type>`, `data.<type>` or `provider.<name>`. */
export function loadSchemas(dir = SCHEMA_DIR): Map<string, TypeSchema> {
  const types = new Map<string, TypeSchema>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const facts = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    for (const [key, type] of Object.entries<any>(facts.types)) {
      if (types.has(key)) throw new Error(`${key} is described twice (${file})`);
      types.set(key, {
        provider: facts.provider,
        version: facts.version,
        tag: facts.tag,
        file: type.file,
        arguments: type.arguments,
        attributes: type.attributes ?? {},
      });
    }
  }
  return types;
}

/** Meta-arguments Terraform handles itself, on every block. */
const META = new Set(['//', 'lifecycle', 'depends_on', 'provider', 'count', 'for_each', 'provisioner', 'connection', 'alias']);
/** Built into Terraform: no provider schema. */
const BUILTIN = new Set(['resource.terraform_data']);

/** The blocks of a synthesized stack: address, schema key and configuration. */
function blocksOf(json: any): { address: string; key: string; config: Record<string, unknown> }[] {
  const blocks: { address: string; key: string; config: Record<string, unknown> }[] = [];
  for (const kind of ['resource', 'data'] as const) {
    for (const [type, named] of Object.entries<any>(json[kind] ?? {})) {
      for (const [name, config] of Object.entries<any>(named)) {
        blocks.push({ address: `${kind === 'data' ? 'data.' : ''}${type}.${name}`, key: `${kind}.${type}`, config });
      }
    }
  }
  for (const [name, configs] of Object.entries<any>(json.provider ?? {})) {
    [configs]
      .flat()
      .forEach((config: any, i: number) => blocks.push({ address: `provider.${name}[${i}]`, key: `provider.${name}`, config }));
  }
  return blocks;
}

/** What in a stack does not fit the schema of the declared versions; `declared` maps provider to version. */
export function schemaProblems(json: any, schemas: Map<string, TypeSchema>, declared: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const { address, key, config } of blocksOf(json)) {
    if (BUILTIN.has(key)) continue;
    const schema = schemas.get(key);
    if (schema === undefined) {
      problems.push(`${address}: no schema facts for ${key} in lib/facts/provider-schemas/`);
      continue;
    }
    const where = `${schema.provider} ${schema.version} (${schema.file} at ${schema.tag})`;
    if (declared[schema.provider] !== schema.version) {
      problems.push(`${address}: the facts are of ${schema.provider} ${schema.version}, the stack declares ${declared[schema.provider]}`);
    }
    checkArguments(config, schema.arguments, address, where, problems);
    checkReferences(config, address, json, schemas, problems);
  }
  for (const [name, output] of Object.entries<any>(json.output ?? {})) checkReferences(output, `output.${name}`, json, schemas, problems);
  for (const [name, value] of Object.entries<any>(json.locals ?? {})) checkReferences({ value }, `local.${name}`, json, schemas, problems);
  return problems;
}

/** `type.name.attr`, `data.type.name.attr` and `self.attr`, with an element's attribute after `[n]` or `.n`. */
const REFERENCE =
  /(?<![\w.])(?:(data)\.)?([a-z][a-z0-9_]*)\.([A-Za-z_][\w-]*)\.([a-z_][a-z0-9_]*)(?:(?:\[\d+\]|\.\d+)\.([a-z_][a-z0-9_]*))?/g;
const SELF = /(?<![\w.])self\.([a-z_][a-z0-9_]*)(?:(?:\[\d+\]|\.\d+)\.([a-z_][a-z0-9_]*))?/g;
const NOT_RESOURCES = new Set(['local', 'var', 'module', 'path', 'terraform', 'count', 'each']);

/** Every attribute a block's expressions read must exist at the declared version: an argument, `id`, or a listed attribute. */
function checkReferences(
  config: Record<string, unknown>,
  address: string,
  json: any,
  schemas: Map<string, TypeSchema>,
  problems: string[],
): void {
  const own = /^(provider|output|local)\./.test(address)
    ? undefined
    : address.replace(/^(data\.)?([^.]+)\..*$/, (_m, d, t) => `${d ? 'data' : 'resource'}.${t}`);
  const seen = new Set<string>();
  const check = (key: string, target: string, attribute: string, element: string | undefined) => {
    if (BUILTIN.has(key) || seen.has(`${target} ${attribute} ${element}`)) return;
    seen.add(`${target} ${attribute} ${element}`);
    const schema = schemas.get(key);
    if (schema === undefined) return; // reported where the block itself is checked
    const where = `${schema.provider} ${schema.version} (${schema.file} at ${schema.tag})`;
    const listed = schema.attributes[attribute];
    if (attribute !== 'id' && schema.arguments[attribute] === undefined && listed === undefined) {
      problems.push(`${address}: reads ${target}.${attribute}, which is no attribute of ${where}`);
    } else if (listed !== undefined && element !== undefined && !(listed.attributes ?? []).includes(element)) {
      problems.push(`${address}: reads ${target}.${attribute}[*].${element}, which is no attribute of ${where}`);
    }
  };
  for (const text of stringsOf(config)) {
    for (const [, data, type, name, attribute, element] of text.matchAll(REFERENCE)) {
      if (data === undefined && NOT_RESOURCES.has(type)) continue;
      const kind = data ? 'data' : 'resource';
      if (json[kind]?.[type]?.[name] === undefined) continue; // not an address of this stack (a host name, say)
      check(`${kind}.${type}`, `${data ? 'data.' : ''}${type}.${name}`, attribute, element);
    }
    if (own === undefined) continue;
    for (const [, attribute, element] of text.matchAll(SELF)) check(own, 'self', attribute, element);
  }
}

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return value.includes('${') ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}

function checkArguments(
  config: Record<string, unknown>,
  schema: Readonly<Record<string, SchemaArgument>>,
  path: string,
  where: string,
  problems: string[],
): void {
  const present = (name: string) => config[name] !== undefined && config[name] !== null;
  for (const [name, value] of Object.entries(config)) {
    if (META.has(name) || value === undefined || value === null) continue;
    const argument = schema[name];
    if (argument === undefined) {
      problems.push(`${path}: ${name} is no argument of ${where}`);
      continue;
    }
    if (argument.deprecated !== undefined) problems.push(`${path}: ${name} is deprecated in ${where}: ${argument.deprecated}`);
    if (argument.kind === 'block' && argument.arguments) {
      const items = Array.isArray(value) ? value : [value];
      items.forEach((item, i) => {
        if (item !== null && typeof item === 'object') {
          checkArguments(item as Record<string, unknown>, argument.arguments ?? {}, `${path}.${name}[${i}]`, where, problems);
        }
      });
    }
  }
  for (const [name, argument] of Object.entries(schema)) {
    if (argument.required && !present(name)) problems.push(`${path}: ${name} is required by ${where}`);
    if (argument.exactlyOneOf && !argument.exactlyOneOf.some(present)) {
      problems.push(`${path}: one of ${argument.exactlyOneOf.join(', ')} is required by ${where}`);
    }
  }
}
