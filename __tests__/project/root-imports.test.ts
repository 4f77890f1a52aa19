import * as fs from 'fs';
import * as path from 'path';
import { toRootImports } from '../../scripts/root-imports';

test('rewrites every deep provider import to the package root, keeping the names', () => {
  const source = fs.readFileSync(path.join(__dirname, '..', '..', 'lib', 'constructs', 'secrets-vault.ts'), 'utf8');
  const rewritten = toRootImports(source);
  expect(rewritten).not.toMatch(/@cdktf\/provider-[a-z-]+\/lib\//);
  expect(rewritten).toMatch(/^import \{ keyVault as keyVault__cdktf_provider_azurerm \} from '@cdktf\/provider-azurerm';$/m);
  expect(rewritten).toContain('import KeyVault = keyVault__cdktf_provider_azurerm.KeyVault;');
  expect(rewritten).toContain('import DataAzurermKeyVault = dataAzurermKeyVault__cdktf_provider_azurerm.DataAzurermKeyVault;');
});

test('leaves other imports alone', () => {
  const source = "import { Construct } from 'constructs';\nimport { Fn } from 'cdktf';\n";
  expect(toRootImports(source)).toBe(source);
});
