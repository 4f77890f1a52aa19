/**
 * One stand-in provider: tfplugin6.Provider over a schema, with the generic lifecycle every SDK
 * provider has (plan keeps configured values, leaves computed ones unknown on create, asks for
 * replacement where a force-new argument changed; apply fills in what was unknown; read returns
 * what the world holds) and the type-specific behaviour of its catalog (IDs, computed values, the
 * Azure refusals of standin/azure/).
 */
import type * as grpc from '@grpc/grpc-js';
import { cloneValue, decodeValue, encodeValue, fromJson, UNKNOWN, type Value } from './cty';
import { encodeMessage, type Message, type ProviderMethod } from './protocol';
import { impliedType, type BlockSchema, type CtyType, type ProviderSchema, type TypeSchema } from './schema/types';
import type { Obj, World } from './world';

export type { Obj };

/** A refusal the provider reports as an error diagnostic, as the real one would. */
export class ProviderError extends Error {
  constructor(
    readonly summary: string,
    readonly detail = '',
  ) {
    super(summary);
  }
}

export interface ApplyContext {
  world: World;
  provider: ProviderState;
  type: string;
  /** The object before the change (null on create). */
  prior: Obj | null;
  /** The planned object after the change (null on delete). */
  planned: Obj | null;
  /** A value derived from the object's identity: the same in every run for the same object. */
  seed: (what: string) => string;
}

/** What a provider knows about one of its resource or data source types beyond the schema. */
export interface TypeBehaviour {
  /** The ID of a new object, from its planned arguments. */
  id?(obj: Obj, ctx: ApplyContext): string;
  /** Fills in computed values still unknown after apply (id already set). */
  computed?(obj: Obj, ctx: ApplyContext): void;
  /** Checks and effects when the object is created, updated or deleted (throws ProviderError to refuse). */
  create?(obj: Obj, ctx: ApplyContext): Promise<void> | void;
  update?(obj: Obj, ctx: ApplyContext): Promise<void> | void;
  delete?(obj: Obj, ctx: ApplyContext): Promise<void> | void;
  /** Computed values the provider plans on create instead of leaving them unknown. */
  planned?(obj: Obj, ctx: { world: World; provider: ProviderState }): void;
  /** The plan of an in-place update, from the prior state (a provider's ModifyPlan). */
  plannedUpdate?(planned: Obj, prior: Obj, config: Obj | null): void;
  /** What a refresh makes of the stored object: null drops it from state. */
  refresh?(stored: Obj, ctx: { world: World }): Obj | null;
  /**
   * No remote object: the state is all there is (time_rotating). Reads refresh the state Terraform
   * sends, and nothing is kept in the world.
   */
  local?: boolean;
  /**
   * The computed attributes this behaviour sets (beyond `id`); every other computed attribute left
   * unknown at apply becomes null, as SDKv2 stores an attribute it never sets. A test checks that
   * every attribute a shipped stack reads is configured or listed here.
   */
  computes?: readonly string[];
  /** A data source's read: the object with its computed attributes, or a ProviderError. */
  read?(config: Obj, ctx: { world: World; provider: ProviderState }): Obj;
  /** Refuses a configuration at validate time (the provider's own validation). */
  validate?(config: Obj): string[];
}

export interface ProviderBehaviour {
  /**
   * Built on terraform-plugin-sdk v2, which answers plans and applies with legacy_type_system set:
   * Terraform then tolerates planned values the configuration did not ask for, such as SDKv2
   * defaults (terraform v1.11.4 internal/terraform/node_resource_abstract_instance.go plan:
   * "tolerating it because it is using the legacy plugin SDK").
   */
  legacyTypeSystem: boolean;
  resources: Record<string, TypeBehaviour>;
  dataSources: Record<string, TypeBehaviour>;
  /**
   * Checks the provider configuration at ConfigureProvider: `error` fails it (and with it every plan),
   * `unreachable` lets it configure and fails each later call that needs the remote API (reads,
   * applies, imports), as a client with nowhere to connect does.
   */
  configure?(config: Obj, world: World): { error?: { summary: string; detail: string }; unreachable?: string } | undefined;
  /** How its validation words a refused value: SDKv2's or the plugin framework's. */
  wording?: 'sdkv2' | 'framework';
}

/** The provider block as configured, for behaviours that depend on it. */
export interface ProviderState {
  config: Obj | null;
  /** Set when ConfigureProvider refused the configuration: every later call fails with it. */
  refused?: string;
}

type Handler = (request: Message) => Promise<Message> | Message;

function diagnostic(summary: string, detail = '', severity: 'ERROR' | 'WARNING' = 'ERROR'): Message {
  return { severity, summary, detail };
}

/** The proto Schema message of a type schema. */
function schemaMessage(schema: TypeSchema): Message {
  const block = (b: BlockSchema): Message => ({
    version: 0,
    attributes: Object.entries(b.attributes).map(([name, a]) => ({
      name,
      type: Buffer.from(JSON.stringify(a.type)),
      required: a.required ?? false,
      optional: a.optional ?? false,
      computed: a.computed ?? false,
      sensitive: a.sensitive ?? false,
      deprecated: a.deprecated ?? false,
      write_only: a.writeOnly ?? false,
    })),
    block_types: Object.entries(b.blocks).map(([name, nb]) => ({
      type_name: name,
      block: block(nb.block),
      nesting: nb.nesting.toUpperCase(),
      min_items: nb.minItems ?? 0,
      max_items: nb.maxItems ?? 0,
    })),
    deprecated: b.deprecated ?? false,
  });
  return { version: schema.version, block: block(schema.block) };
}

export class StandinProvider {
  readonly state: ProviderState = { config: null };
  private readonly types = new Map<string, { schema: TypeSchema; type: CtyType }>();
  private readonly schemaResponse: Message;
  private readonly schemaBytes: Buffer;

  constructor(
    readonly schema: ProviderSchema,
    private readonly world: World,
    private readonly behaviour: ProviderBehaviour,
  ) {
    for (const [name, s] of Object.entries(schema.resources)) this.types.set(`resource.${name}`, { schema: s, type: impliedType(s.block) });
    for (const [name, s] of Object.entries(schema.dataSources)) this.types.set(`data.${name}`, { schema: s, type: impliedType(s.block) });
    this.types.set('provider', { schema: schema.provider, type: impliedType(schema.provider.block) });
    this.schemaResponse = {
      provider: schemaMessage(schema.provider),
      resource_schemas: Object.fromEntries(Object.entries(schema.resources).map(([n, s]) => [n, schemaMessage(s)])),
      data_source_schemas: Object.fromEntries(Object.entries(schema.dataSources).map(([n, s]) => [n, schemaMessage(s)])),
      diagnostics: [],
      server_capabilities: { plan_destroy: false, get_provider_schema_optional: false, move_resource_state: false },
    };
    this.schemaBytes = encodeMessage('tfplugin6.GetProviderSchema.Response', this.schemaResponse);
  }

  private type(key: string): { schema: TypeSchema; type: CtyType } {
    const t = this.types.get(key);
    if (!t) throw new ProviderError(`stand-in ${this.schema.name} has no ${key}`);
    return t;
  }

  private decode(key: string, dv: unknown): Obj | null {
    const { type } = this.type(key);
    const bytes = (dv as { msgpack?: Buffer; json?: Buffer } | null)?.msgpack;
    if (bytes && bytes.length > 0) return decodeValue(bytes, type) as Obj | null;
    const json = (dv as { json?: Buffer } | null)?.json;
    if (json && json.length > 0) return fromJson(JSON.parse(json.toString('utf8')), type) as Obj | null;
    return null;
  }

  private encode(key: string, value: Obj | null): Message {
    return { msgpack: encodeValue(value, this.type(key).type) };
  }

  /** The handlers for grpc-js, each turning a ProviderError into an error diagnostic. */
  handlers(): grpc.UntypedServiceImplementation {
    const methods: Record<ProviderMethod, Handler> = {
      GetMetadata: () => ({
        server_capabilities: this.schemaResponse.server_capabilities,
        resources: Object.keys(this.schema.resources).map((type_name) => ({ type_name })),
        data_sources: Object.keys(this.schema.dataSources).map((type_name) => ({ type_name })),
      }),
      // Encoded once: protocol.ts passes a Buffer through as the encoded response.
      GetProviderSchema: () => this.schemaBytes as unknown as Message,
      ValidateProviderConfig: () => ({ diagnostics: [] }),
      ValidateResourceConfig: (r) => this.validate(`resource.${String(r.type_name)}`, r, this.behaviour.resources),
      ValidateDataResourceConfig: (r) => this.validate(`data.${String(r.type_name)}`, r, this.behaviour.dataSources),
      ConfigureProvider: (r) => this.configure(r),
      UpgradeResourceState: (r) => this.upgrade(r),
      ReadResource: (r) => this.read(r),
      PlanResourceChange: (r) => this.plan(r),
      ApplyResourceChange: (r) => this.apply(r),
      ImportResourceState: (r) => this.import(r),
      ReadDataSource: (r) => this.readData(r),
      StopProvider: () => ({ Error: '' }),
    };
    const wrapped: grpc.UntypedServiceImplementation = {};
    for (const [name, handler] of Object.entries(methods)) {
      wrapped[name] = (call: grpc.ServerUnaryCall<Message, Message>, callback: grpc.sendUnaryData<Message>) => {
        Promise.resolve()
          .then(() => handler(call.request))
          .then(
            (response) => callback(null, response),
            (error: unknown) => {
              if (error instanceof ProviderError) callback(null, { diagnostics: [diagnostic(error.summary, error.detail)] });
              else callback({ code: 13, details: error instanceof Error ? (error.stack ?? error.message) : String(error) });
            },
          );
      };
    }
    return wrapped;
  }

  private refusedCheck(): void {
    if (this.state.refused) throw new ProviderError(this.state.refused);
  }

  private validate(key: string, r: Message, behaviours: Record<string, TypeBehaviour>): Message {
    const name = key.split('.')[1];
    const config = this.decode(key, r.config);
    if (!config) return { diagnostics: [] };
    const problems = (behaviours[name]?.validate?.(config) ?? []).map((p) => diagnostic(p));
    const block = this.type(key).schema.block;
    const wording = this.behaviour.wording ?? 'sdkv2';
    return {
      diagnostics: [
        ...problems,
        ...invalidValues(block, config, [], wording),
        ...relations(block, config, []),
        ...deprecations(block, config, []),
      ],
    };
  }

  private configure(r: Message): Message {
    const config = this.decode('provider', r.config);
    this.state.config = config;
    const verdict = config ? this.behaviour.configure?.(config, this.world) : undefined;
    this.state.refused = verdict?.unreachable;
    return { diagnostics: verdict?.error ? [diagnostic(verdict.error.summary, verdict.error.detail)] : [] };
  }

  private upgrade(r: Message): Message {
    const key = `resource.${String(r.type_name)}`;
    const raw = r.raw_state as { json?: Buffer } | undefined;
    const json = raw?.json && raw.json.length > 0 ? JSON.parse(raw.json.toString('utf8')) : null;
    const value = fromJson(json, this.type(key).type) as Obj | null;
    return { upgraded_state: this.encode(key, value), diagnostics: [] };
  }

  private read(r: Message): Message {
    const key = `resource.${String(r.type_name)}`;
    const current = this.decode(key, r.current_state);
    if (!current) return { new_state: this.encode(key, null), diagnostics: [] };
    const typeName = String(r.type_name);
    const behaviour = this.behaviour.resources[typeName];
    if (!behaviour?.local) this.refusedCheck();
    // Gone from the world: the real provider drops it from state (and the plan creates it again).
    const stored = behaviour?.local ? current : this.world.get(typeName, String(current.id));
    const fresh = stored && behaviour?.refresh ? behaviour.refresh(stored, { world: this.world }) : (stored ?? null);
    if (fresh) nullWriteOnly(this.type(key).schema.block, fresh);
    return { new_state: this.encode(key, fresh), private: r.private ?? Buffer.alloc(0), diagnostics: [] };
  }

  private plan(r: Message): Message {
    const typeName = String(r.type_name);
    const key = `resource.${typeName}`;
    const prior = this.decode(key, r.prior_state);
    const proposed = this.decode(key, r.proposed_new_state);
    const config = this.decode(key, r.config);
    if (proposed === null) return { planned_state: this.encode(key, null), requires_replace: [], diagnostics: [] };
    const { schema } = this.type(key);
    const planned = cloneValue(proposed);
    // Defaults first: SDKv2 reads a default through the configuration, so it is no change.
    plannedDefaults(schema.block, planned);
    nullWriteOnly(schema.block, planned);
    const replace = prior ? forceNewChanges(schema.block, prior, planned, []) : [];
    if (!prior || replace.length > 0) {
      unknownComputed(schema.block, planned, config);
      this.behaviour.resources[typeName]?.planned?.(planned, { world: this.world, provider: this.state });
    } else {
      this.behaviour.resources[typeName]?.plannedUpdate?.(planned, prior, config);
    }
    return {
      planned_state: this.encode(key, planned),
      requires_replace: replace.map((steps) => ({
        steps: steps.map((s) => (typeof s === 'number' ? { element_key_int: s } : { attribute_name: s })),
      })),
      planned_private: r.prior_private ?? Buffer.alloc(0),
      diagnostics: [],
      legacy_type_system: this.behaviour.legacyTypeSystem,
    };
  }

  private async apply(r: Message): Promise<Message> {
    const typeName = String(r.type_name);
    const key = `resource.${typeName}`;
    const prior = this.decode(key, r.prior_state);
    const planned = this.decode(key, r.planned_state);
    const behaviour = this.behaviour.resources[typeName] ?? {};
    if (!behaviour.local) this.refusedCheck();
    // A serial per create: the service hands out new values each time, also to a replacement whose
    // arguments did not change (create_before_destroy would otherwise reuse the old one's IDs).
    const serial = this.world.nextSerial();
    const ctx: ApplyContext = {
      world: this.world,
      provider: this.state,
      type: typeName,
      prior,
      planned,
      seed: (what) => `${typeName}/${serial}/${what}`,
    };
    if (planned === null) {
      if (prior) {
        await behaviour.delete?.(prior, ctx);
        if (!behaviour.local) this.world.remove(typeName, String(prior.id));
      }
      return { new_state: this.encode(key, null), diagnostics: [] };
    }
    const obj = cloneValue(planned);
    if (obj.id === UNKNOWN) obj.id = behaviour.id ? behaviour.id(obj, ctx) : this.world.guid(ctx.seed('id'));
    behaviour.computed?.(obj, ctx);
    nullUnknown(this.type(key).type, obj);
    nullWriteOnly(this.type(key).schema.block, obj);
    if (prior === null && this.world.failingCreates.has(typeName)) {
      this.world.refuse(typeName, String(obj.id), 'failing on purpose');
      throw new ProviderError(`creating ${typeName}: the scenario makes every create of this type fail`);
    }
    if (prior === null) await behaviour.create?.(obj, ctx);
    else await behaviour.update?.(obj, ctx);
    if (!behaviour.local) this.world.put(typeName, String(obj.id), obj);
    return {
      new_state: this.encode(key, obj),
      private: Buffer.alloc(0),
      diagnostics: [],
      legacy_type_system: this.behaviour.legacyTypeSystem,
    };
  }

  private import(r: Message): Message {
    const typeName = String(r.type_name);
    const key = `resource.${typeName}`;
    this.refusedCheck();
    const stored = this.world.get(typeName, String(r.id));
    if (!stored) throw new ProviderError('Cannot import non-existent remote object', `No ${typeName} with ID ${String(r.id)} exists.`);
    return { imported_resources: [{ type_name: typeName, state: this.encode(key, stored), private: Buffer.alloc(0) }], diagnostics: [] };
  }

  private readData(r: Message): Message {
    const typeName = String(r.type_name);
    const key = `data.${typeName}`;
    const config = this.decode(key, r.config) ?? {};
    this.refusedCheck();
    const behaviour = this.behaviour.dataSources[typeName];
    const obj = behaviour?.read ? behaviour.read(cloneValue(config), { world: this.world, provider: this.state }) : cloneValue(config);
    // A data source's ID is always set; what the read (or its fixture) leaves out stays null.
    if (obj.id === null || obj.id === undefined || obj.id === UNKNOWN)
      obj.id = this.world.guid(`${typeName}/${JSON.stringify(identity(config))}`);
    nullUnknown(this.type(key).type, obj);
    return { state: this.encode(key, obj), diagnostics: [] };
  }
}

/** The elements of a nested block's value, whatever its nesting: a list or set of them, one, or none. */
function blockItems(value: Value): Value[] {
  return Array.isArray(value) ? value : value && typeof value === 'object' ? [value] : [];
}

/** Whether an element is a block's object (not null, unknown or a list). */
function isObj(item: Value): item is Obj {
  return item !== null && typeof item === 'object' && !Array.isArray(item);
}

/**
 * SDKv2 warns for every deprecated argument a configuration sets, with the summary "Argument is
 * deprecated" and the schema's message (terraform-plugin-sdk v2.40.1, the version azurerm 4.81.0
 * builds on: helper/schema/schema.go validateType).
 */
function deprecations(block: BlockSchema, config: Obj, path: string[]): Message[] {
  const out: Message[] = [];
  for (const [name, a] of Object.entries(block.attributes)) {
    const value = config[name];
    if (a.deprecationMessage && value !== null && value !== undefined) {
      out.push({
        severity: 'WARNING',
        summary: 'Argument is deprecated',
        detail: a.deprecationMessage,
        attribute: { steps: [...path, name].map((attribute_name) => ({ attribute_name })) },
      });
    }
  }
  for (const [name, b] of Object.entries(block.blocks)) {
    const value = config[name];
    for (const item of blockItems(value)) if (isObj(item)) out.push(...deprecations(b.block, item, [...path, name]));
  }
  return out;
}

/**
 * The provider's value validation from the facts, in its own words: SDKv2's (terraform-plugin-sdk
 * v2.40.1 helper/validation/strings.go StringInSlice, int.go IntBetween and IntAtLeast, with paths
 * such as `network_acls.0.default_action`), or the plugin framework's validators for time
 * (terraform-plugin-framework-validators int64validator.AtLeast). Unknown values are checked at
 * apply by the real provider; here they pass.
 */
function invalidValues(block: BlockSchema, config: Obj, path: (string | number)[], wording: 'sdkv2' | 'framework'): Message[] {
  const out: Message[] = [];
  for (const [name, a] of Object.entries(block.attributes)) {
    const value = config[name];
    const at = [...path, name].join('.');
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (a.allowedValues && typeof v === 'string' && !a.allowedValues.includes(v)) {
        out.push(
          wording === 'framework'
            ? diagnostic(
                'Invalid Attribute Value Match',
                `Attribute ${at} value must be one of: [${a.allowedValues.map((x) => JSON.stringify(x)).join(' ')}], got: "${v}"`,
              )
            : diagnostic(`expected ${at} to be one of [${a.allowedValues.map((x) => JSON.stringify(x)).join(' ')}], got ${v}`),
        );
      }
      if (a.range && typeof v === 'number') {
        const [min, max] = a.range;
        const outside = v < min || (max !== null && v > max);
        if (outside && wording === 'framework') {
          const bound = max === null ? `at least ${min}` : `between ${min} and ${max}`;
          out.push(diagnostic('Invalid Attribute Value', `Attribute ${at} value must be ${bound}, got: ${v}`));
        } else if (outside) {
          out.push(
            diagnostic(
              max === null
                ? `expected ${at} to be at least (${min}), got ${v}`
                : `expected ${at} to be in the range (${min} - ${max}), got ${v}`,
            ),
          );
        }
      }
    }
  }
  for (const [name, b] of Object.entries(block.blocks)) {
    const value = config[name];
    blockItems(value).forEach((item, i) => {
      if (isObj(item)) out.push(...invalidValues(b.block, item, b.nesting === 'single' ? [...path, name] : [...path, name, i], wording));
    });
  }
  return out;
}

/** A configured (not null) value at a facts path such as `metadata.generate_name`, within one block. */
function configured(root: Obj, dotted: string): boolean {
  let value: Value = root;
  for (const step of dotted.split('.')) {
    if (Array.isArray(value)) value = value[0] ?? null;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
    value = (value as Obj)[step] ?? null;
  }
  return value !== null;
}

/**
 * ConflictsWith, ExactlyOneOf, AtLeastOneOf and RequiredWith from the facts, in SDKv2's words
 * (terraform-plugin-sdk v2.40.1 helper/schema/schema.go validateConflictingAttributes,
 * validateExactlyOneAttribute, validateAtLeastOneAttribute, validateRequiredWithAttribute).
 * Relations are checked for top-level arguments, whose paths are plain names.
 */
function relations(block: BlockSchema, config: Obj, path: string[]): Message[] {
  if (path.length > 0) return [];
  const out: Message[] = [];
  for (const [name, a] of Object.entries(block.attributes)) {
    const r = a.relations;
    if (!r) continue;
    const set = configured(config, name);
    for (const other of r.conflictsWith ?? [])
      if (set && configured(config, other)) out.push(diagnostic(`"${name}": conflicts with ${other}`));
    if (r.exactlyOneOf) {
      const specified = r.exactlyOneOf.filter((k) => configured(config, k));
      if (specified.length === 0) out.push(diagnostic(`"${name}": one of \`${r.exactlyOneOf.join(',')}\` must be specified`));
      else if (specified.length > 1 && set)
        out.push(
          diagnostic(
            `"${name}": only one of \`${r.exactlyOneOf.join(',')}\` can be specified, but \`${specified.join(',')}\` were specified.`,
          ),
        );
    }
    if (r.atLeastOneOf && !r.atLeastOneOf.some((k) => configured(config, k))) {
      out.push(diagnostic(`"${name}": one of \`${r.atLeastOneOf.join(',')}\` must be specified`));
    }
    if (r.requiredWith && set && !r.requiredWith.every((k) => configured(config, k))) {
      out.push(diagnostic(`"${name}": all of \`${r.requiredWith.join(',')}\` must be specified`));
    }
  }
  // One diagnostic per relation, as Terraform shows each once per argument pair.
  return out.filter((d, i) => out.findIndex((e) => e.summary === d.summary) === i);
}

/** The arguments that identify an object (computed values left out), for deterministic seeds. */
function identity(obj: Obj | null): Obj {
  if (!obj) return {};
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== UNKNOWN && typeof v !== 'object'));
}

/** Paths of force-new arguments whose value differs between prior state and plan. */
function forceNewChanges(block: BlockSchema, prior: Obj, planned: Obj, path: (string | number)[]): (string | number)[][] {
  const paths: (string | number)[][] = [];
  for (const [name, a] of Object.entries(block.attributes)) {
    if (!a.forceNew) continue;
    const before = prior[name];
    const after = planned[name];
    // Unknown after: the real provider cannot tell, and SDKv2 plans a replacement.
    if (after === UNKNOWN || JSON.stringify(before) !== JSON.stringify(after)) {
      if (!(a.computed && after === null)) paths.push([...path, name]);
    }
  }
  for (const [name, b] of Object.entries(block.blocks)) {
    if (b.forceNew && JSON.stringify(prior[name]) !== JSON.stringify(planned[name])) {
      paths.push([...path, name]);
      continue;
    }
    const before = prior[name];
    const after = planned[name];
    if (b.nesting === 'list' && Array.isArray(before) && Array.isArray(after)) {
      after.forEach((element, i) => {
        const old = before[i];
        if (old && element && typeof old === 'object' && typeof element === 'object') {
          paths.push(...forceNewChanges(b.block, old as Obj, element as Obj, [...path, name, i]));
        } else if (old !== element && hasForceNew(b.block)) {
          paths.push([...path, name]);
        }
      });
      if (before.length !== after.length && hasForceNew(b.block)) paths.push([...path, name]);
    } else if (JSON.stringify(before) !== JSON.stringify(after) && hasForceNew(b.block)) {
      // Sets and single blocks: any change to a block with a force-new argument replaces.
      paths.push([...path, name]);
    }
  }
  return paths;
}

function hasForceNew(block: BlockSchema): boolean {
  return (
    Object.values(block.attributes).some((a) => a.forceNew) || Object.values(block.blocks).some((b) => b.forceNew || hasForceNew(b.block))
  );
}

/** On create or replace: every computed attribute the configuration leaves null becomes unknown. */
function unknownComputed(block: BlockSchema, planned: Obj, config: Obj | null): void {
  for (const [name, a] of Object.entries(block.attributes)) {
    if (a.computed && (config?.[name] ?? null) === null) planned[name] = a.default !== undefined ? a.default : UNKNOWN;
  }
  for (const [name, b] of Object.entries(block.blocks)) {
    const inner = planned[name];
    const configured = config?.[name] ?? null;
    if (inner === null || inner === UNKNOWN) continue;
    if (b.nesting === 'single' || b.nesting === 'group') {
      unknownComputed(b.block, inner as Obj, configured as Obj | null);
    } else if (b.nesting === 'list' || b.nesting === 'set') {
      const items = inner as Value[];
      const configItems = Array.isArray(configured) && configured.length === items.length ? configured : null;
      items.forEach((item, i) => {
        if (item && typeof item === 'object') unknownComputed(b.block, item as Obj, (configItems?.[i] ?? null) as Obj | null);
      });
    }
  }
}

/** SDKv2 `Default`: an optional argument the configuration leaves null is planned at its default. */
function plannedDefaults(block: BlockSchema, planned: Obj): void {
  for (const [name, a] of Object.entries(block.attributes)) {
    if (!a.computed && planned[name] === null && a.default !== undefined) planned[name] = a.default;
  }
  for (const [name, b] of Object.entries(block.blocks)) {
    const inner = planned[name];
    for (const item of blockItems(inner)) if (isObj(item)) plannedDefaults(b.block, item);
  }
}

/** Every unknown still left after the behaviour: null, as SDKv2 stores a computed value it never sets. */
function nullUnknown(type: CtyType, value: Value): Value {
  if (value === UNKNOWN) return null;
  if (value === null || typeof type === 'string') return value;
  const [kind, inner] = type;
  if (kind === 'list' || kind === 'set') return (value as Value[]).map((e) => nullUnknown(inner, e));
  if (kind === 'tuple') return (value as Value[]).map((e, i) => nullUnknown(inner[i], e));
  const record = value as Obj;
  if (kind === 'map') {
    for (const k of Object.keys(record)) record[k] = nullUnknown(inner, record[k]);
    return record;
  }
  for (const [k, at] of Object.entries(inner)) record[k] = nullUnknown(at, record[k] ?? null);
  return record;
}

/**
 * Write-only attributes never reach a plan, a state or a read: Terraform v1.11.4 requires them null
 * there (internal/terraform/node_resource_abstract_instance.go), and SDKv2 nulls them.
 */
function nullWriteOnly(block: BlockSchema, obj: Obj): void {
  for (const [name, a] of Object.entries(block.attributes)) if (a.writeOnly) obj[name] = null;
  for (const [name, b] of Object.entries(block.blocks)) {
    const inner = obj[name];
    for (const item of blockItems(inner)) if (isObj(item)) nullWriteOnly(b.block, item);
  }
}
