/**
 * Rewrites deep provider imports to the package-root form the cdktf template uses, e.g.
 *   import { KeyVault } from '@cdktf/provider-azurerm/lib/key-vault';
 * becomes
 *   import { keyVault as keyVault_ns } from '@cdktf/provider-azurerm';
 *   import KeyVault = keyVault_ns.KeyVault;
 * The import alias keeps `KeyVault` usable as a value and as a type. Used only by the benchmark,
 * to measure the template way on the same code without keeping a second copy of it.
 */
const DEEP_IMPORT = /^import \{([^}]+)\} from '(@cdktf\/provider-[a-z-]+)\/lib\/([a-z0-9-]+)';$/gm;

export function toRootImports(source: string): string {
  return source.replace(DEEP_IMPORT, (_line, names: string, pkg: string, dir: string) => {
    const ns = dir.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
    const alias = `${ns}_${pkg.replace(/\W/g, '_')}`;
    const aliases = names
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean)
      .map((n) => `import ${n} = ${alias}.${n};`);
    return [`import { ${ns} as ${alias} } from '${pkg}';`, ...aliases].join('\n');
  });
}
