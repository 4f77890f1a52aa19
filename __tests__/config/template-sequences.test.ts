import { readFileSync } from 'fs';
import { join } from 'path';
import { problemsOf } from '../helpers';

/**
 * Terraform evaluates `${...}` and `%{...}` in every string of the JSON it reads. The loader refuses
 * them in every string of the file before any field is read; this walks every string field the
 * committed JSON Schema describes (keys of string maps included) and proves it for each.
 */

type Schema = Record<string, any>;
const schema: Schema = JSON.parse(readFileSync(join(__dirname, '..', '..', 'environments.schema.json'), 'utf8'));
const environment: Schema = schema.properties.environments.additionalProperties;

/** Paths of every string in an environment: a `*` step is a map key, a number a list index. */
function stringPaths(node: Schema, path: (string | number)[]): (string | number)[][] {
  const found: (string | number)[][] = [];
  for (const variant of [...(node.oneOf ?? []), ...(node.anyOf ?? [])]) found.push(...stringPaths(variant, path));
  if (node.type === 'string' && node.const === undefined) found.push(path);
  for (const [key, child] of Object.entries<Schema>(node.properties ?? {})) found.push(...stringPaths(child, [...path, key]));
  if (node.type === 'array' && node.items) found.push(...stringPaths(node.items, [...path, 0]));
  if (node.type === 'object' && node.additionalProperties && typeof node.additionalProperties === 'object') {
    found.push([...path, '*key*']);
    found.push(...stringPaths(node.additionalProperties, [...path, 'k']));
  }
  return found;
}

/** An environment holding `value` at `path` and nothing else. */
function placed(path: (string | number)[], value: string): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (head === '*key*') return { [value]: 'v' };
  if (typeof head === 'number') return [placed(rest, value)];
  return { [head]: placed(rest, value) };
}

const PATHS = stringPaths(environment, []);
const shown = (path: (string | number)[]) => path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('');

test('the schema has the string fields this walks (the walk itself is not empty)', () => {
  expect(PATHS.length).toBeGreaterThan(40);
  for (const field of [
    'aks.oidcIssuerUrl',
    'keyVault.existingId',
    'keyVault.network.allowedSubnetIds[0]',
    'keyVault.privateEndpoint.subnetId',
    'backend.path',
    'backend.key',
    'tags.*key*',
  ]) {
    expect(PATHS.map((p) => shown(p).slice(1))).toContain(field);
  }
});

describe.each([
  ['${', 'x${upper("a")}'],
  ['%{', '%{ if true }x%{ endif }'],
])('%s is refused', (_sequence, value) => {
  test.each(PATHS.map((p) => [shown(p), p] as const))('in %s', (_name, path) => {
    const problems = problemsOf({ environments: { test: placed(path, value) } });
    expect(problems.join('\n')).toMatch(/expected no "\$\{" or "%\{" in any (value|key) \(Terraform would evaluate them\)/);
  });

  test('in defaults too', () => {
    expect(problemsOf({ defaults: { location: value }, environments: {} })).toEqual([
      expect.stringContaining('defaults.location: received'),
    ]);
  });
});
