import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// scripts/bundle-cache.js is plain JavaScript run by the cdktf app before anything is compiled.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { contentKey, writeAtomically } = require('../scripts/bundle-cache.js') as {
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

describe('the tests run cdktf, zod and yaml bundled (scripts/test-bundles.js)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { moduleNameMapper } = require('../scripts/test-bundles.js') as { moduleNameMapper(root?: string): Record<string, string> };

  test('each bundle is named after the installed package, so an upgrade builds a new one', () => {
    const installed = (cdktfIntegrity: string) => {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'om-lock-'));
      fs.mkdirSync(path.join(root, 'node_modules'));
      const packages = { 'node_modules/cdktf': { version: '0.21.0', integrity: cdktfIntegrity }, 'node_modules/zod': { version: '4.6.7', integrity: 'sha512-z' }, 'node_modules/yaml': { version: '2.9.1', integrity: 'sha512-y' } };
      fs.writeFileSync(path.join(root, 'node_modules', '.package-lock.json'), JSON.stringify({ packages }));
      return Object.fromEntries(Object.entries(moduleNameMapper(root)).map(([k, v]) => [k, path.basename(v)]));
    };
    const before = installed('sha512-a');
    const after = installed('sha512-b');
    expect(Object.keys(before).sort()).toEqual(['^cdktf$', '^yaml$', '^zod$']);
    for (const file of Object.values(before)) expect(file).toMatch(/^test-(cdktf|zod|yaml)-[0-9a-f]{16}\.js$/);
    expect(after['^cdktf$']).not.toBe(before['^cdktf$']);
    expect(after['^zod$']).toBe(before['^zod$']);
  });

  test('lib, the provider bindings and the tests share one cdktf: a provider resource is a TerraformResource of the test\'s cdktf', () => {
    const { App, TerraformResource, TerraformStack } = require('cdktf') as typeof import('cdktf');
    const { ResourceGroup } = require('@cdktf/provider-azurerm/lib/resource-group') as typeof import('@cdktf/provider-azurerm/lib/resource-group');
    const group = new ResourceGroup(new TerraformStack(new App(), 's'), 'rg', { name: 'rg', location: 'westeurope' });
    expect(group).toBeInstanceOf(TerraformResource);
    expect(require.resolve('cdktf')).toBe(moduleNameMapper()['^cdktf$']);
  });
});
