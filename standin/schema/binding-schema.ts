/**
 * Schemas from the prebuilt cdktf bindings. Each `@cdktf/provider-*` module was generated from the
 * provider's schema, and the TypeScript it was compiled from sits in the module's inline source map.
 * That source says, for every attribute, `// name - computed: a, optional: b, required: c` above
 * its getter, and the `*ToHclTerraform` tables say block or attribute, list/set/single/map and the
 * element type. Reading those gives back the schema the binding was generated from, closely enough
 * for Terraform to validate and plan against it (checked against hand-read types in
 * __tests__/standin/binding-schema.test.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { type AttributeSchema, type BlockSchema, type CtyType, impliedType, type NestedBlockSchema, type TypeSchema } from './types';

interface Field {
  computed: boolean;
  optional: boolean;
  required: boolean;
  /** The getter's body: how the binding reads the attribute back. */
  getter: string;
}

interface TableEntry {
  isBlock: boolean;
  type: 'simple' | 'list' | 'set' | 'map' | 'struct';
  storageClassType: string;
  /** The `*ToHclTerraform` function of a nested struct, if the value is one. */
  structFunction?: string;
  /** Whether the value goes through a list or map mapper (false: one struct, so at most one block). */
  mapped: boolean;
  /**
   * The mapper's own block flag: `listMapperHcl(fn, false)` marks a list of objects the provider
   * takes as an attribute (SDKv2 `ConfigModeAttr`, e.g. azurerm_key_vault access_policy), though
   * the table says `isBlock: true`.
   */
  mapperBlock?: boolean;
}

interface ClassInfo {
  extendsName: string;
  fields: Map<string, Field>;
  /** `private _x = new C(this, "x", wrapsSet)` members: attribute name to class and set flag. */
  members: Map<string, { cls: string; wrapsSet: boolean }>;
  table?: Map<string, TableEntry>;
  tfType?: string;
  /** For a ComplexList: the OutputReference class its get() returns. */
  itemClass?: string;
}

/** One binding module's source, parsed into its classes, tables and interfaces. */
export class BindingSource {
  readonly classes = new Map<string, ClassInfo>();
  readonly tables = new Map<string, Map<string, TableEntry>>();
  readonly interfaces = new Map<string, Map<string, boolean>>();

  constructor(
    readonly file: string,
    source: string,
  ) {
    const chunks = source.split(/\n(?=export (?:class|function|interface) )/);
    for (const chunk of chunks) {
      const head = /^export (class|function|interface) (\w+)(?: extends ([\w.]+))?/.exec(chunk);
      if (!head) continue;
      const [, kind, name, ext] = head;
      if (kind === 'function' && name.endsWith('ToHclTerraform')) this.tables.set(name, parseTable(chunk));
      else if (kind === 'interface') this.interfaces.set(name, parseInterface(chunk));
      else if (kind === 'class') this.classes.set(name, parseClass(chunk, ext ?? ''));
    }
  }

  /** The resource, data source or provider class the module exists for. */
  mainClass(): { name: string; info: ClassInfo } {
    for (const [name, info] of this.classes) {
      if (/^cdktf\.Terraform(Resource|DataSource|Provider)$/.test(info.extendsName)) return { name, info };
    }
    throw new Error(`${this.file}: no TerraformResource, TerraformDataSource or TerraformProvider class`);
  }

  /** The schema of the module's main type. */
  typeSchema(): { tfType: string; kind: 'resource' | 'data' | 'provider'; schema: TypeSchema } {
    const { name, info } = this.mainClass();
    if (!info.tfType) throw new Error(`${this.file}: class ${name} has no tfResourceType`);
    const kind = info.extendsName.endsWith('Provider') ? 'provider' : info.extendsName.endsWith('DataSource') ? 'data' : 'resource';
    const block = kind === 'provider' ? this.providerBlock(info) : this.classBlock(name, info.table ?? new Map());
    return { tfType: info.tfType, kind, schema: { version: 0, block } };
  }

  /** A resource, data source or nested struct: fields from the class, shapes from its table. */
  private classBlock(className: string, table: Map<string, TableEntry>): BlockSchema {
    const info = this.classes.get(className);
    if (!info) throw new Error(`${this.file}: no class ${className}`);
    const block: BlockSchema = { attributes: {}, blocks: {} };
    for (const [name, field] of info.fields) {
      const entry = table.get(name);
      if (entry?.isBlock) {
        block.blocks[name] = this.nestedBlock(name, field.required, entry);
        continue;
      }
      const attribute: AttributeSchema = { type: this.attributeType(info, name, field, entry) };
      if (field.required) attribute.required = true;
      if (field.optional) attribute.optional = true;
      if (field.computed) attribute.computed = true;
      block.attributes[name] = attribute;
    }
    return block;
  }

  private nestedBlock(name: string, required: boolean, entry: TableEntry): NestedBlockSchema {
    if (!entry.structFunction) throw new Error(`${this.file}: block ${name} has no struct mapper`);
    const struct = structName(entry.structFunction);
    const block = this.structBlock(struct);
    let nested: NestedBlockSchema;
    switch (entry.type) {
      case 'struct':
        nested = { nesting: 'single', block };
        break;
      case 'list':
      case 'set':
        nested = { nesting: entry.type, block };
        if (!entry.mapped) nested.maxItems = 1;
        break;
      case 'map':
        nested = { nesting: 'map', block };
        break;
      default:
        throw new Error(`${this.file}: block ${name} of kind ${entry.type}`);
    }
    if (required && nested.nesting !== 'single') nested.minItems = 1;
    return nested;
  }

  /** A nested struct: its OutputReference class where the binding has one (resources, data sources). */
  private structBlock(struct: string): BlockSchema {
    const table = this.tables.get(lowerFirst(struct) + 'ToHclTerraform') ?? new Map<string, TableEntry>();
    if (this.classes.has(struct + 'OutputReference')) return this.classBlock(struct + 'OutputReference', table);
    // Provider structs have no OutputReference: required and optional come from the interface.
    const fields = this.interfaces.get(struct);
    if (!fields) throw new Error(`${this.file}: no class or interface for struct ${struct}`);
    return this.interfaceBlock(fields, table);
  }

  private providerBlock(info: ClassInfo): BlockSchema {
    const config = [...this.interfaces.keys()].find((n) => n.endsWith('ProviderConfig'));
    const fields = config ? this.interfaces.get(config) : undefined;
    if (!fields || !info.table) throw new Error(`${this.file}: provider without config interface or table`);
    fields.delete('alias');
    return this.interfaceBlock(fields, info.table);
  }

  private interfaceBlock(fields: Map<string, boolean>, table: Map<string, TableEntry>): BlockSchema {
    const block: BlockSchema = { attributes: {}, blocks: {} };
    for (const [name, entry] of table) {
      const optional = fields.get(camel(name)) ?? true;
      if (entry.isBlock) {
        block.blocks[name] = this.nestedBlock(name, !optional, entry);
      } else {
        block.attributes[name] = { type: this.tableType(name, entry), ...(optional ? { optional: true } : { required: true }) };
      }
    }
    return block;
  }

  private attributeType(info: ClassInfo, name: string, field: Field, entry: TableEntry | undefined): CtyType {
    if (entry) return this.tableType(name, entry);
    const g = field.getter;
    if (/this\.getStringAttribute\(/.test(g)) return 'string';
    if (/this\.getBooleanAttribute\(/.test(g)) return 'bool';
    if (/this\.getNumberAttribute\(/.test(g)) return 'number';
    if (/asNumberList\(cdktf\.Fn\.tolist\(this\.getNumberListAttribute\(/.test(g)) return ['set', 'number'];
    if (/this\.getNumberListAttribute\(/.test(g)) return ['list', 'number'];
    if (/cdktf\.Fn\.tolist\(this\.getListAttribute\(/.test(g)) return ['set', 'string'];
    if (/this\.getListAttribute\(/.test(g)) return ['list', 'string'];
    if (/this\.getStringMapAttribute\(/.test(g)) return ['map', 'string'];
    if (/this\.getNumberMapAttribute\(/.test(g)) return ['map', 'number'];
    if (/this\.getBooleanMapAttribute\(/.test(g)) return ['map', 'bool'];
    if (/this\.getAnyMapAttribute\(/.test(g)) return ['map', 'dynamic'];
    if (/this\.interpolationForAttribute\(/.test(g)) return 'dynamic';
    const member = info.members.get(name);
    if (member) return this.memberType(member);
    throw new Error(`${this.file}: cannot tell the type of ${name} from its getter: ${g.trim().slice(0, 120)}`);
  }

  /** A computed complex attribute, read through a ComplexList or an OutputReference. */
  private memberType(member: { cls: string; wrapsSet: boolean }): CtyType {
    if (member.cls === 'cdktf.StringMap') return ['map', 'string'];
    const list = this.classes.get(member.cls);
    if (list?.extendsName === 'cdktf.ComplexList' && list.itemClass) {
      return [member.wrapsSet ? 'set' : 'list', this.objectType(list.itemClass)];
    }
    if (member.cls.endsWith('OutputReference')) return this.objectType(member.cls);
    throw new Error(`${this.file}: member class ${member.cls} is neither a ComplexList nor an OutputReference`);
  }

  private objectType(outputReference: string): CtyType {
    const struct = outputReference.replace(/OutputReference$/, '');
    const table = this.tables.get(lowerFirst(struct) + 'ToHclTerraform') ?? new Map<string, TableEntry>();
    return impliedType(this.classBlock(outputReference, table));
  }

  private tableType(name: string, entry: TableEntry): CtyType {
    const s = entry.storageClassType;
    const scalar: Record<string, CtyType> = { string: 'string', number: 'number', boolean: 'bool' };
    if (entry.type === 'simple') {
      const t = scalar[s];
      if (!t) throw new Error(`${this.file}: simple attribute ${name} of class ${s}`);
      return t;
    }
    const elementOf: Record<string, CtyType> = {
      stringList: 'string',
      numberList: 'number',
      booleanList: 'bool',
      numberListList: ['list', 'number'],
      stringMap: 'string',
      numberMap: 'number',
      booleanMap: 'bool',
      anyMap: 'dynamic',
    };
    const element = elementOf[s];
    if (element !== undefined && entry.type !== 'struct') return [entry.type, element];
    if (!entry.structFunction) throw new Error(`${this.file}: attribute ${name} of class ${s} has no struct mapper`);
    const object = this.objectType(structName(entry.structFunction) + 'OutputReference');
    return entry.type === 'struct' ? object : [entry.type, object];
  }
}

const FIELD = /\n {2}\/\/ (\w+) - computed: (true|false), optional: (true|false), required: (true|false)\n/g;

function parseClass(chunk: string, extendsName: string): ClassInfo {
  const info: ClassInfo = { extendsName, fields: new Map(), members: new Map() };
  const tfType = /public static readonly tfResourceType = "([\w-]+)";/.exec(chunk);
  if (tfType) info.tfType = tfType[1];
  const item = /public get\(\w+: \w+\): (\w+OutputReference) \{/.exec(chunk);
  if (item) info.itemClass = item[1];
  const matches = [...chunk.matchAll(FIELD)];
  matches.forEach((m, i) => {
    const end = i + 1 < matches.length ? matches[i + 1].index : chunk.length;
    const body = chunk.slice((m.index ?? 0) + m[0].length, end);
    const getter = /public get \w+\(\)[^{]*\{([^}]*)\}/.exec(body);
    info.fields.set(m[1], {
      computed: m[2] === 'true',
      optional: m[3] === 'true',
      required: m[4] === 'true',
      getter: getter ? getter[1] : '',
    });
  });
  for (const m of chunk.matchAll(/private _\w+ = new ([\w.]+)\(this, "(\w+)"(?:, (true|false))?\);/g)) {
    info.members.set(m[2], { cls: m[1], wrapsSet: m[3] === 'true' });
  }
  const synth = /protected synthesizeHclAttributes\(\)[^{]*\{([\s\S]*?)\n {2}\}\n/.exec(chunk);
  if (synth) info.table = parseTable(synth[1]);
  return info;
}

const ENTRY =
  /\n\s+(\w+): \{\n\s+value: (.*),\n\s+isBlock: (true|false),\n\s+type: "(simple|list|set|map|struct)",\n\s+storageClassType: "(\w+)",/g;

function parseTable(text: string): Map<string, TableEntry> {
  const table = new Map<string, TableEntry>();
  for (const m of text.matchAll(ENTRY)) {
    const fn = /(?<!cdktf\.)\b([a-z]\w*ToHclTerraform)\b/.exec(m[2]);
    const mapper = /cdktf\.(?:listMapperHcl|hashMapperHcl)\(\w+, (true|false)\)/.exec(m[2]);
    const mapperBlock = mapper ? mapper[1] === 'true' : undefined;
    table.set(m[1], {
      isBlock: m[3] === 'true' && mapperBlock !== false,
      mapperBlock,
      type: m[4] as TableEntry['type'],
      storageClassType: m[5],
      structFunction: fn?.[1],
      mapped: /cdktf\.(listMapperHcl|hashMapperHcl)\(/.test(m[2]),
    });
  }
  return table;
}

/** Interface members: camelCase name to whether it is optional. */
function parseInterface(chunk: string): Map<string, boolean> {
  const fields = new Map<string, boolean>();
  for (const m of chunk.matchAll(/\n {2}readonly (\w+)(\??):/g)) fields.set(m[1], m[2] === '?');
  return fields;
}

function structName(toHclFunction: string): string {
  const base = toHclFunction.replace(/ToHclTerraform$/, '');
  return base[0].toUpperCase() + base.slice(1);
}

function lowerFirst(s: string): string {
  return s[0].toLowerCase() + s.slice(1);
}

/** The binding's camelCase property for a Terraform name, as cdktf's generator writes it. */
function camel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The TypeScript a binding module was generated from, out of its inline source map. */
function bindingSource(moduleFile: string): string {
  const js = fs.readFileSync(moduleFile, 'utf8');
  const m = /\/\/# sourceMappingURL=data:application\/json;base64,(\S+)\s*$/.exec(js);
  if (!m) throw new Error(`${moduleFile}: no inline source map`);
  const map = JSON.parse(Buffer.from(m[1], 'base64').toString('utf8')) as { sourcesContent?: string[] };
  const source = map.sourcesContent?.[0];
  if (!source) throw new Error(`${moduleFile}: the source map holds no source`);
  return source;
}

/** Parses one module of a binding package, e.g. (`@cdktf/provider-azurerm`, `key-vault`). */
export function readBindingModule(packageDir: string, moduleName: string): ReturnType<BindingSource['typeSchema']> {
  const file = path.join(packageDir, 'lib', moduleName, 'index.js');
  return new BindingSource(`${path.basename(packageDir)}/lib/${moduleName}`, bindingSource(file)).typeSchema();
}
