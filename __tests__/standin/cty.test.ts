import { encode, ExtData } from '@msgpack/msgpack';
import { cloneValue, decodeValue, encodeValue, fromJson, isWhollyKnown, UNKNOWN, type Value } from '../../standin/cty';
import type { CtyType } from '../../standin/schema/types';

/**
 * Values on the wire as docs/plugin-protocol/object-wire-format.md (terraform v1.11.4) defines
 * them: MessagePack shaped by the schema type.
 */

const OBJECT: CtyType = ['object', { name: 'string', count: 'number', on: 'bool', tags: ['map', 'string'], ids: ['set', 'string'] }];

describe('cty values as MessagePack', () => {
  test('round-trips an object of every kind of attribute', () => {
    const value = { name: 'kv', count: 3, on: true, tags: { a: 'b' }, ids: ['x', 'y'] };
    expect(decodeValue(encodeValue(value, OBJECT), OBJECT)).toEqual(value);
  });

  test('writes every attribute of an object type, absent ones as nil', () => {
    const bytes = encodeValue({ name: 'kv' }, OBJECT);
    expect(Buffer.from(bytes).equals(Buffer.from(encode({ name: 'kv', count: null, on: null, tags: null, ids: null })))).toBe(true);
  });

  test('reads extension 0 as unknown, ignoring its payload', () => {
    expect(decodeValue(encode({ name: new ExtData(0, new Uint8Array([0])) }), ['object', { name: 'string' }])).toEqual({ name: UNKNOWN });
  });

  test('reads extension 12 (a refined unknown) as unknown, dropping the refinements', () => {
    const refined = new ExtData(
      12,
      encode(
        new Map<number, unknown>([
          [1, false],
          [2, 'https://'],
        ]),
      ),
    );
    expect(decodeValue(encode(refined), 'string')).toBe(UNKNOWN);
  });

  test('writes an unknown as extension 0', () => {
    expect(Buffer.from(encodeValue(UNKNOWN, 'string')).equals(Buffer.from(encode(new ExtData(0, new Uint8Array([0])))))).toBe(true);
  });

  test('a dynamic value travels as [type JSON, value]', () => {
    const bytes = encode([Buffer.from('"string"'), 'hello']);
    const value = decodeValue(bytes, 'dynamic');
    expect(value).toEqual({ dynamicType: 'string', value: 'hello' });
    expect(decodeValue(encodeValue(value, 'dynamic'), 'dynamic')).toEqual(value);
  });

  test('a number sent as a string (beyond float64) is read as a number', () => {
    expect(decodeValue(encode('42'), 'number')).toBe(42);
  });

  test('state JSON (UpgradeResourceState) reads by the same type, dropping attributes the schema lacks', () => {
    expect(fromJson({ name: 'kv', gone: 1, count: 2 }, ['object', { name: 'string', count: 'number' }])).toEqual({ name: 'kv', count: 2 });
  });

  test('tells whether a value is wholly known, and copies unknowns', () => {
    const value: Record<string, Value[]> = { a: ['x', UNKNOWN] };
    expect(isWhollyKnown(value)).toBe(false);
    expect(isWhollyKnown({ a: ['x'] })).toBe(true);
    expect(cloneValue(value)).toEqual(value);
    expect((cloneValue(value) as Record<string, Value[]>).a).not.toBe(value.a);
  });
});
