import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runSynth } from '../../lib/cli/synth-command';

// Every file in examples/ is a working configuration: it synthesizes and passes the policy checks
// (warnings are allowed; an error would need a suppression with its reason in the file).
const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
const files = fs
  .readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

test('the examples cover the documented setups', () => {
  expect(files).toEqual([
    'adopt-manual-setup.yaml',
    'azurerm-backend.yaml',
    'existing-vault.yaml',
    'private-endpoint.yaml',
    'shared-client-secret.yaml',
    'terraform-cloud.yaml',
    'unmanaged-kubernetes.yaml',
    'workload-identity.yaml',
  ]);
});

/** Each example synthesized once, through the function the synth command calls; the tests read the results. */
const runs = new Map(
  files.map((file) => {
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'om-example-')), 'cdktf.out');
    let stdout = '';
    let stderr = '';
    const code = runSynth(
      { OM_AZURE_CONFIG: path.join(EXAMPLES, file), CDKTF_OUTDIR: outdir },
      { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
    );
    return [file, { outdir, code, stdout, stderr }];
  }),
);

describe.each(files)('examples/%s', (file) => {
  const { outdir, code, stdout, stderr } = runs.get(file) as { outdir: string; code: number; stdout: string; stderr: string };

  test('synthesizes without a policy error', () => {
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/ERROR/);
  });

  test('writes a stack per environment', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
    for (const stack of Object.keys(manifest.stacks)) expect(fs.existsSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'))).toBe(true);
    expect(Object.keys(manifest.stacks).length).toBeGreaterThan(0);
  });

  test('the file says how to use it', () => {
    expect(fs.readFileSync(path.join(EXAMPLES, file), 'utf8')).toContain(`OM_AZURE_CONFIG=examples/${file} npm run synth`);
  });
});

test('the private endpoint example passes every rule without a warning', () => {
  const run = runs.get('private-endpoint.yaml');
  expect(run?.code).toBe(0);
  expect(run?.stdout).toBe('');
});
