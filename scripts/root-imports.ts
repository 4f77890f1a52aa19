/**
 * Rewrites deep provider imports (`.../provider-azurerm/lib/key-vault`) to the package-root form
 * the cdktf template uses: the root's namespace export (`keyVault`) plus an import alias
 * (`import KeyVault = <namespace>.KeyVault;`), which keeps `KeyVault` usable as a value and as a
 * type. Used only to measure the template way on the same code without keeping a second copy.
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
