import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Testing } from 'cdktf';
import { loadConfigFile } from '../../lib/config/load-config';
import { PROVIDERS } from '../../lib/facts/provider-versions';
import { OpenMetadataKeyVaultStack } from '../../lib/stack/openmetadata-keyvault-stack';
import { terraformVersion } from '../terraform-eval';

/**
 * What a stack deployed with an earlier release of this project meets: its dependency lock file
 * holds the binding versions that release declared, and plain `terraform init` refuses the new
 * exact versions until it is run with `-upgrade` (docs/operations.md, "Provider versions").
 */

const version = terraformVersion();
if (version === undefined) console.log('provider-upgrade: no terraform on the PATH; the lock-file test is skipped');
const withTerraform = version === undefined ? test.skip : test;

const ROOT = join(__dirname, '..', '..');

/** The terraform block of every example stack, merged: each provider the project declares. */
function requiredProviders(): Record<string, { source: string; version: string }> {
  const merged: Record<string, { source: string; version: string }> = {};
  for (const file of ['environments.yaml', 'examples/workload-identity.yaml', 'examples/shared-client-secret.yaml']) {
    for (const [name, environment] of Object.entries(loadConfigFile(join(ROOT, file)).environments)) {
      const json = JSON.parse(Testing.synth(new OpenMetadataKeyVaultStack(Testing.app(), name, { environment })));
      Object.assign(merged, json.terraform.required_providers);
    }
  }
  return merged;
}

test('the stacks together declare every provider of lib/facts/provider-versions.ts at its version', () => {
  const declared = Object.fromEntries(Object.entries(requiredProviders()).map(([name, p]) => [name, `${p.source} ${p.version}`]));
  expect(declared).toEqual(Object.fromEntries(Object.entries(PROVIDERS).map(([name, p]) => [name, `${p.source} ${p.version}`])));
});

withTerraform('a lock file of the binding versions stops plain terraform init and names -upgrade', () => {
  const dir = mkdtempSync(join(tmpdir(), 'omkv-upgrade-'));
  try {
    writeFileSync(join(dir, 'main.tf.json'), JSON.stringify({ terraform: { required_providers: requiredProviders() } }));
    const lock = Object.values(PROVIDERS).map(
      (p) =>
        `provider "registry.terraform.io/${p.source}" {\n  version     = "${p.binding}"\n  constraints = "${p.binding}"\n` +
        '  hashes = ["h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="]\n}\n',
    );
    writeFileSync(join(dir, '.terraform.lock.hcl'), lock.join(''));
    const init = spawnSync('terraform', ['init', '-backend=false', '-input=false', '-no-color'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: '/dev/null', TF_IN_AUTOMATION: '1' },
    });
    expect(init.status).not.toBe(0);
    const said = `${init.stdout}${init.stderr}`.replace(/\s+/g, ' ');
    for (const p of Object.values(PROVIDERS)) {
      expect(said).toContain(
        `locked provider registry.terraform.io/${p.source} ${p.binding} does not match configured version constraint ${p.version}; must use terraform init -upgrade`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
