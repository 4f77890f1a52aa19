/**
 * Terraform values on the wire (docs/plugin-protocol/object-wire-format.md, Terraform v1.11.4):
 * MessagePack, shaped by the schema's type. Null is nil; an unknown value is an extension, code 0
 * (payload ignored) or code 12 for a refined unknown (a map of refinements, which the stand-ins
 * accept and drop: it is always safe to treat a refined unknown as wholly unknown); a `dynamic`
 * value is a two-element array of its JSON type and the value.
 *
 * In TypeScript a value is null, UNKNOWN, a string, number or boolean, an array (list, set, tuple)
 * or a plain object (map, object); a dynamic value is `{ dynamicType, value }`.
 */
import { decode, encode, ExtData } from '@msgpack/msgpack';
import type { CtyType } from './schema/types';

/** The unknown value: decided only at apply. */
export const UNKNOWN: unique symbol = Symbol('unknown');

export interface DynamicValue {
  dynamicType: CtyType;
  value: Value;
}

export type Value = null | typeof UNKNOWN | string | number | boolean | Value[] | { [key: string]: Value } | DynamicValue;

const UNKNOWN_EXTENSION = 0;

/** Decodes a MessagePack value of the given type. */
export function decodeValue(bytes: Uint8Array, type: CtyType): Value {
  // With no extension codec the decoder hands every extension back as ExtData: any code is an
  // unknown value (code 12 carries refinements, which may be ignored).
  return shapeBy(decode(bytes), type, msgpackDynamic);
}

/** Encodes a value of the given type as MessagePack. */
export function encodeValue(value: Value, type: CtyType): Buffer {
  return Buffer.from(encode(wire(value, type)));
}

/** How each encoding carries a dynamic value: its type and the value of that type. */
type DynamicReader = (raw: unknown) => { dynamicType: CtyType; inner: unknown };

// MessagePack: a two-element array of the type as JSON bytes and the value.
const msgpackDynamic: DynamicReader = (raw) => {
  const [typeJson, inner] = raw as [Uint8Array, unknown];
  return { dynamicType: JSON.parse(Buffer.from(typeJson).toString('utf8')) as CtyType, inner };
};

// JSON (state files): an object {"value": ..., "type": ...}.
const jsonDynamic: DynamicReader = (raw) => {
  const d = raw as { value: unknown; type: CtyType };
  return { dynamicType: d.type, inner: d.value };
};

/** A decoded value shaped by its type: attributes the type lacks dropped, absent ones null. */
function shapeBy(raw: unknown, type: CtyType, dynamic: DynamicReader): Value {
  if (raw === null || raw === undefined) return null;
  if (raw instanceof ExtData) return UNKNOWN;
  if (type === 'dynamic') {
    const { dynamicType, inner } = dynamic(raw);
    return { dynamicType, value: shapeBy(inner, dynamicType, dynamic) };
  }
  if (type === 'number') return typeof raw === 'string' ? Number(raw) : (raw as number);
  if (type === 'string' || type === 'bool') return raw as string | boolean;
  const [kind, inner] = type;
  switch (kind) {
    case 'list':
    case 'set':
      return (raw as unknown[]).map((v) => shapeBy(v, inner, dynamic));
    case 'tuple':
      return (raw as unknown[]).map((v, i) => shapeBy(v, inner[i], dynamic));
    case 'map': {
      const out: Record<string, Value> = {};
      for (const [k, v] of Object.entries(raw as Record<string, unknown>)) out[k] = shapeBy(v, inner, dynamic);
      return out;
    }
    case 'object': {
      const out: Record<string, Value> = {};
      const record = raw as Record<string, unknown>;
      for (const [k, t] of Object.entries(inner)) out[k] = shapeBy(record[k], t, dynamic);
      return out;
    }
  }
}

function wire(value: Value, type: CtyType): unknown {
  if (value === null) return null;
  if (value === UNKNOWN) return new ExtData(UNKNOWN_EXTENSION, new Uint8Array([0]));
  if (type === 'dynamic') {
    const d = value as DynamicValue;
    return [Buffer.from(JSON.stringify(d.dynamicType)), wire(d.value, d.dynamicType)];
  }
  if (typeof type === 'string') return value;
  const [kind, inner] = type;
  switch (kind) {
    case 'list':
    case 'set':
      return (value as Value[]).map((v) => wire(v, inner));
    case 'tuple':
      return (value as Value[]).map((v, i) => wire(v, inner[i]));
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, Value>)) out[k] = wire(v, inner);
      return out;
    }
    case 'object': {
      // Every attribute of the object type, in the type's order: absent ones as null.
      const record = value as Record<string, Value>;
      const out: Record<string, unknown> = {};
      for (const [k, t] of Object.entries(inner)) out[k] = wire(record[k] ?? null, t);
      return out;
    }
  }
}

/** Whether the value is wholly known (no unknown anywhere inside). */
export function isWhollyKnown(value: Value): boolean {
  if (value === UNKNOWN) return false;
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.every(isWhollyKnown);
  if ('dynamicType' in value && 'value' in value && Object.keys(value).length === 2) return isWhollyKnown((value as DynamicValue).value);
  return Object.values(value).every(isWhollyKnown);
}

/** Reads a value out of its JSON form (state files, `RawState.json`), shaped by the type. */
export function fromJson(json: unknown, type: CtyType): Value {
  return shapeBy(json, type, jsonDynamic);
}

/** A deep copy (structuredClone cannot copy the UNKNOWN symbol). */
export function cloneValue<T extends Value>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => cloneValue(v)) as T;
  const out: Record<string, Value> = {};
  for (const [k, v] of Object.entries(value)) out[k] = cloneValue(v as Value);
  return out as T;
}
