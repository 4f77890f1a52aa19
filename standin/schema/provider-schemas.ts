/**
 * The schemas the stand-ins serve: each provider's types read from its binding package, then the
 * schema facts of the declared version applied, cached in node_modules/.cache/standin/ under the
 * binding's package version (plus a digest of the modules, the facts and this generator, so a
 * changed input never serves a stale schema).
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { PROVIDERS, type ProviderName } from '../../lib/facts/provider-versions';
import { readBindingModule } from './binding-schema';
import { applyTypeFacts, type SchemaFactsFile } from './declared-overlay';
import type { ProviderSchema } from './types';

const ROOT = path.join(__dirname, '..', '..');
const FACTS_DIR = path.join(ROOT, 'lib', 'facts', 'provider-schemas');
const CACHE_DIR = path.join(ROOT, 'node_modules', '.cache', 'standin');

/** The binding package of a provider, e.g. `@cdktf/provider-azurerm`. */
function bindingPackage(provider: ProviderName): string {
  return `@cdktf/provider-${provider}`;
}

function packageDir(provider: ProviderName): string {
  return path.dirname(require.resolve(`${bindingPackage(provider)}/package.json`, { paths: [ROOT] }));
}

function factsFiles(provider: ProviderName): SchemaFactsFile[] {
  return fs
    .readdirSync(FACTS_DIR)
    .filter((f) => f.startsWith(`${provider}-`) && f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(FACTS_DIR, f), 'utf8')) as SchemaFactsFile);
}

/**
 * One provider's schema, for the given binding modules (`key-vault`, `data-azurerm-key-vault`,
 * `provider`, ...): the modules the project's code imports, so the stand-in serves exactly the
 * types the stacks can contain.
 */
export function providerSchema(provider: ProviderName, modules: readonly string[]): ProviderSchema {
  const dir = packageDir(provider);
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string };
  const facts = factsFiles(provider);
  const digest = createHash('sha256');
  digest.update(JSON.stringify([...modules].sort()));
  digest.update(JSON.stringify(facts));
  for (const f of ['binding-schema.ts', 'declared-overlay.ts', 'provider-schemas.ts', 'types.ts'])
    digest.update(fs.readFileSync(path.join(__dirname, f)));
  const cacheFile = path.join(CACHE_DIR, `${provider}-${pkg.version}-${digest.digest('hex').slice(0, 16)}.json`);
  try {
    return JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as ProviderSchema;
  } catch {
    // Not cached yet: generate below.
  }
  const schema = generate(provider, dir, modules, facts);
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  // Written whole and renamed, so a parallel reader never sees half a file.
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(schema));
  fs.renameSync(tmp, cacheFile);
  return schema;
}

function generate(provider: ProviderName, dir: string, modules: readonly string[], facts: SchemaFactsFile[]): ProviderSchema {
  const release = PROVIDERS[provider];
  const schema: ProviderSchema = {
    name: provider,
    version: release.version,
    provider: { version: 0, block: { attributes: {}, blocks: {} } },
    resources: {},
    dataSources: {},
  };
  for (const module of modules) {
    const { tfType, kind, schema: type } = readBindingModule(dir, module);
    if (kind === 'provider') schema.provider = type;
    else if (kind === 'data') schema.dataSources[tfType] = type;
    else schema.resources[tfType] = type;
  }
  for (const file of facts) {
    if (file.version !== release.version) {
      throw new Error(`lib/facts/provider-schemas: ${provider} facts are for ${file.version}, the stacks declare ${release.version}`);
    }
    for (const [key, typeFacts] of Object.entries(file.types)) {
      const [kind, name] = key.split('.');
      const target = kind === 'provider' ? schema.provider : kind === 'data' ? schema.dataSources[name] : schema.resources[name];
      // Facts of a type no module here serves (the caller asked for a subset) have nothing to apply to.
      if (target) applyTypeFacts(target, typeFacts);
    }
  }
  return schema;
}

/** The binding modules a source tree imports, per provider: its deep imports `@cdktf/provider-x/lib/<module>`. */
export function importedModules(dirs: readonly string[]): Record<ProviderName, string[]> {
  const found: Record<string, Set<string>> = {};
  for (const name of Object.keys(PROVIDERS)) found[name] = new Set(['provider']);
  const visit = (p: string): void => {
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p)) visit(path.join(p, entry));
      return;
    }
    if (!p.endsWith('.ts')) return;
    const text = fs.readFileSync(p, 'utf8');
    for (const m of text.matchAll(/@cdktf\/provider-([a-z]+)\/lib\/([a-z0-9-]+)/g)) found[m[1]]?.add(m[2]);
  };
  for (const d of dirs) visit(d);
  return Object.fromEntries(Object.entries(found).map(([k, v]) => [k, [...v].sort()])) as Record<ProviderName, string[]>;
}
