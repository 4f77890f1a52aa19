import * as fs from 'fs';
import * as path from 'path';
import { generatedDocs } from '../../scripts/docs';

const ROOT = path.join(__dirname, '..', '..');

test.each(Object.entries(generatedDocs()))('%s is up to date (npm run docs regenerates it)', (file, text) => {
  expect(fs.readFileSync(path.join(ROOT, file), 'utf8')).toBe(text);
});

test('the configuration reference names every setting of the example files', () => {
  const reference = generatedDocs()['docs/configuration.md'];
  for (const setting of [
    'keyVault.privateEndpoint.privateDnsZoneId',
    'principals.ingestion.sameAs',
    'openmetadata.pipelineClient',
    'kubernetes.manage',
  ]) {
    expect(reference).toContain(`| \`${setting}\` |`);
  }
});

test('the configuration reference shows the default of every setting whose description states one', () => {
  const reference = generatedDocs()['docs/configuration.md'];
  const rows = reference.split('\n').filter((line) => line.startsWith('| `'));
  const cells = rows.map((row) => row.split(' | '));
  const missing = cells.filter((c) => /\bDefault\b/.test(c[3] ?? '') && (c[2] ?? '').trim() === '').map((c) => c[0]);
  expect(missing).toEqual([]);
  // The vault's hardening defaults, from lib/facts/secure-defaults.ts, as JSON Schema defaults.
  for (const [setting, value] of [
    ['keyVault.sku', '"standard"'],
    ['keyVault.softDeleteRetentionDays', '90'],
    ['keyVault.purgeProtection', 'true'],
    ['keyVault.lock', 'true'],
  ]) {
    expect(rows.find((row) => row.startsWith(`| \`${setting}\` |`))).toContain(`| \`${value}\` |`);
  }
});

test('the policy page lists every rule once', () => {
  const page = generatedDocs()['docs/policy-rules.md'];
  const ids = [...page.matchAll(/^\| (OMKV-[A-Z0-9]+) \|/gm)].map((m) => m[1]);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.length).toBeGreaterThanOrEqual(21);
});

const pages = [
  'README.md',
  ...fs
    .readdirSync(path.join(ROOT, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f.split(path.sep).join('/')}`),
];
test.each(pages)('%s links only to files and anchors that exist', (page) => {
  const text = fs.readFileSync(path.join(ROOT, page), 'utf8');
  for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^https?:/.test(target)) continue;
    const [file, anchor] = target.split('#');
    const resolved = file === '' ? path.join(ROOT, page) : path.join(ROOT, path.dirname(page), file);
    expect([target, fs.existsSync(resolved)]).toEqual([target, true]);
    if (anchor && resolved.endsWith('.md')) {
      const linked = fs.readFileSync(resolved, 'utf8');
      const slugs = [...linked.matchAll(/^#+ (.+)$/gm)].map((m) =>
        m[1]
          .toLowerCase()
          .replace(/[^a-z0-9 -]/g, '')
          .replace(/ /g, '-'),
      );
      const ids = [...linked.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]);
      expect([target, [...slugs, ...ids].includes(anchor)]).toEqual([target, true]);
    }
  }
});
