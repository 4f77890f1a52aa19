import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const SOURCES = ['main.ts', 'lib', '__tests__', 'scripts'];
const ROOT_IMPORT = /(from\s+|require\(\s*|import\(\s*)['"]@cdktf\/provider-[a-z-]+['"]/;

function sourceFiles(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return /\.[cm]?[jt]s$/.test(entry) ? [entry] : [];
  return fs.readdirSync(full).flatMap((name) => sourceFiles(path.join(entry, name)));
}

// Importing a provider package from its root loads every resource class it has (seconds and
// about 1 GB per process); deep paths load only what is used.
test('no source file imports a @cdktf/provider-* package from its root', () => {
  const files = SOURCES.flatMap(sourceFiles);
  expect(files).toContain(path.join('lib', 'constructs', 'secrets-vault.ts'));
  expect(files.filter((f) => ROOT_IMPORT.test(fs.readFileSync(path.join(ROOT, f), 'utf8')))).toEqual([]);
});

test('the guard recognizes a root import', () => {
  // Built by concatenation so this file does not trip its own guard.
  const pkg = '@cdktf/' + 'provider-azurerm';
  expect(ROOT_IMPORT.test(`import { KeyVault } from '${pkg}';`)).toBe(true);
  expect(ROOT_IMPORT.test(`const p = require("${pkg}");`)).toBe(true);
  expect(ROOT_IMPORT.test(`import { KeyVault } from '${pkg}/lib/key-vault';`)).toBe(false);
});
