import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { importProblems } from '../../scripts/import-layers';

const ROOT = path.join(__dirname, '..', '..');

/** A scratch project with the given lib/ files. */
function project(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'om-layers-'));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

test('lib/ imports only downwards (facts < policy < config|constructs|openmetadata < stack < cli), without cycles', () => {
  expect(importProblems(ROOT)).toEqual([]);
});

test('fails on an import cycle', () => {
  const root = project({
    'lib/facts/a.ts': "import { b } from './b';\nexport const a = b;\n",
    'lib/facts/b.ts': "import type { a } from './a';\nexport const b = 1;\n",
  });
  expect(importProblems(root)).toEqual(['import cycle: lib/facts/a.ts -> lib/facts/b.ts -> lib/facts/a.ts']);
});

test('fails on an import against the layer order', () => {
  const root = project({
    'lib/facts/a.ts': "import { s } from '../stack/s';\nexport const a = s;\n",
    'lib/stack/s.ts': 'export const s = 1;\n',
  });
  expect(importProblems(root)).toEqual([
    'lib/facts/a.ts imports lib/stack/s.ts: facts may not import stack; expected the layer order facts < policy < config|constructs|openmetadata < stack < cli',
  ]);
});

test('fails on an import between layers of one rank', () => {
  const root = project({
    'lib/config/c.ts': "export { k } from '../constructs/k';\n",
    'lib/constructs/k.ts': 'export const k = 1;\n',
  });
  expect(importProblems(root)).toEqual([
    expect.stringContaining('lib/config/c.ts imports lib/constructs/k.ts: config may not import constructs'),
  ]);
});

test('fails when a policy rule imports another rule', () => {
  const root = project({
    'lib/policy/rules/a.ts': "import { b } from './b';\nexport const a = b;\n",
    'lib/policy/rules/b.ts': 'export const b = 1;\n',
  });
  expect(importProblems(root)).toEqual([
    'lib/policy/rules/a.ts imports lib/policy/rules/b.ts: a rule imports another rule; expected shared helpers in lib/policy/',
  ]);
});

test('fails on a file outside the layers', () => {
  const root = project({ 'lib/misc.ts': 'export const m = 1;\n' });
  expect(importProblems(root)).toEqual([expect.stringContaining('lib/misc.ts: not in a layer')]);
});
