import * as path from 'path';
import { ESLint } from 'eslint';

const ROOT = path.join(__dirname, '..', '..');

/** The rules the project's ESLint configuration reports on `text`, as if it were a file of lib/. */
async function lintRules(text: string): Promise<(string | null)[]> {
  const [result] = await new ESLint({ cwd: ROOT }).lintText(text, { filePath: path.join(ROOT, 'lib', 'facts', 'example.ts') });
  return result.messages.map((m) => m.ruleId);
}

// eslint.config.js: Node's modules, then packages, then the project's files, each group in path order.
test('imports in order pass the lint', async () => {
  const text =
    "import * as fs from 'fs';\nimport { z } from 'zod';\nimport { a } from '../config/a';\nimport { b } from './b';\n\nexport const all = [fs, z, a, b];\n";
  expect(await lintRules(text)).toEqual([]);
});

test('fails when a project import comes before a package', async () => {
  const text = "import { b } from './b';\nimport { z } from 'zod';\n\nexport const all = [z, b];\n";
  expect(await lintRules(text)).toEqual(['import-x/order']);
});

test('fails when imports of one group are out of path order', async () => {
  const text = "import { b } from './b';\nimport { a } from '../config/a';\n\nexport const all = [a, b];\n";
  expect(await lintRules(text)).toEqual(['import-x/order']);
});
