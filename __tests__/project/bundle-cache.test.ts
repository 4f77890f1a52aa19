import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// scripts/bundle-cache.js is plain JavaScript run by the cdktf app before anything is compiled.
const { contentKey, writeAtomically } = require('../../scripts/bundle-cache.js') as {
  contentKey(root: string, inputs?: string[]): string;
  writeAtomically(file: string, data: string): void;
};

function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-bundle-'));
  fs.mkdirSync(path.join(dir, 'lib'));
  fs.writeFileSync(path.join(dir, 'main.ts'), 'import "./lib/a";\n');
  fs.writeFileSync(path.join(dir, 'lib', 'a.ts'), 'export const a = 1;\n');
  return dir;
}

test('the key follows the contents: a same-size edit with the old modification time (cp -p, rsync -a) changes it', () => {
  const dir = project();
  const file = path.join(dir, 'lib', 'a.ts');
  const before = contentKey(dir);
  const { atime, mtime } = fs.statSync(file);
  fs.writeFileSync(file, 'export const a = 2;\n');
  fs.utimesSync(file, atime, mtime);
  expect(fs.statSync(file).size).toBe('export const a = 1;\n'.length);
  expect(contentKey(dir)).not.toBe(before);
});

test('the key ignores modification times alone (touch does not rebuild)', () => {
  const dir = project();
  const before = contentKey(dir);
  fs.utimesSync(path.join(dir, 'lib', 'a.ts'), new Date(0), new Date(0));
  expect(contentKey(dir)).toBe(before);
});

test('a new source file changes the key', () => {
  const dir = project();
  const before = contentKey(dir);
  fs.writeFileSync(path.join(dir, 'lib', 'b.ts'), '');
  expect(contentKey(dir)).not.toBe(before);
});

test('files are written whole or not at all: no temporary file is left, a reader sees old or new', () => {
  const dir = project();
  const target = path.join(dir, 'bundle.js');
  writeAtomically(target, 'old');
  writeAtomically(target, 'new');
  expect(fs.readFileSync(target, 'utf8')).toBe('new');
  expect(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
});
