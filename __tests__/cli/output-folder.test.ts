import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { OutputFolder } from '../../lib/cli/output-folder';
import { runCheck, runSynth } from '../../lib/cli/synth-command';
import { distinctEnvironment } from '../helpers';

/** What a synth leaves in the output folder, and what it leaves alone. */

const scratch = (environments: Record<string, unknown> = { dev: distinctEnvironment('dev') }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-outdir-'));
  const file = path.join(dir, 'environments.yaml');
  fs.writeFileSync(file, stringify({ environments }));
  return { dir, file, outdir: path.join(dir, 'cdktf.out') };
};
const quiet = { stdout: () => {}, stderr: () => {} };

/** A synth with `cdktf synth --hcl`'s environment (the app reads SYNTH_HCL_OUTPUT), restored after. */
function synthAs(format: 'json' | 'hcl', env: NodeJS.ProcessEnv): number {
  const saved = process.env.SYNTH_HCL_OUTPUT;
  process.env.SYNTH_HCL_OUTPUT = format === 'hcl' ? 'true' : 'false';
  try {
    return runSynth(env, quiet);
  } finally {
    if (saved === undefined) delete process.env.SYNTH_HCL_OUTPUT;
    else process.env.SYNTH_HCL_OUTPUT = saved;
  }
}

test.each([
  ['json', 'hcl', 'cdk.tf.json'],
  ['hcl', 'json', 'cdk.tf'],
] as const)('a synth as %s after one as %s leaves only its own stack file (terraform init would read both)', (now, earlier, file) => {
  const { file: config, outdir } = scratch();
  expect(synthAs(earlier, { OM_AZURE_CONFIG: config, CDKTF_OUTDIR: outdir })).toBe(0);
  expect(synthAs(now, { OM_AZURE_CONFIG: config, CDKTF_OUTDIR: outdir })).toBe(0);
  expect(fs.readdirSync(path.join(outdir, 'stacks', 'dev')).filter((f) => f.startsWith('cdk.tf'))).toEqual([file]);
});

test('removes the folder of a stack the previous synth wrote and this one does not, and no other', () => {
  const { dir, file, outdir } = scratch({ dev: distinctEnvironment('dev'), prod: distinctEnvironment('prod') });
  expect(runSynth({ OM_AZURE_CONFIG: file, CDKTF_OUTDIR: outdir }, quiet)).toBe(0);
  fs.mkdirSync(path.join(outdir, 'stacks', 'notes'));
  fs.writeFileSync(path.join(dir, 'environments.yaml'), stringify({ environments: { dev: distinctEnvironment('dev') } }));
  expect(runSynth({ OM_AZURE_CONFIG: file, CDKTF_OUTDIR: outdir }, quiet)).toBe(0);
  expect(fs.readdirSync(path.join(outdir, 'stacks')).sort()).toEqual(['dev', 'notes']);
});

test('npm run check writes nothing into an existing output folder', () => {
  const { file, outdir } = scratch();
  fs.mkdirSync(outdir);
  let stdout = '';
  expect(runCheck({ OM_AZURE_CONFIG: file, CDKTF_OUTDIR: outdir }, { stdout: (t) => (stdout += t), stderr: () => {} })).toBe(0);
  expect(fs.readdirSync(outdir)).toEqual([]);
  expect(stdout).toContain('nothing was written');
});

test('a synth stopped by policy errors leaves an existing output folder as it was (no empty stacks folder)', () => {
  const env = distinctEnvironment('dev');
  env.keyVault.network = { defaultAction: 'Allow' };
  const { file, outdir } = scratch({ dev: env });
  fs.mkdirSync(outdir);
  expect(runSynth({ OM_AZURE_CONFIG: file, CDKTF_OUTDIR: outdir }, quiet)).toBe(1);
  expect(fs.readdirSync(outdir)).toEqual([]);
});

test('an empty CDKTF_OUTDIR is unset, for the check as for the synth', () => {
  expect(OutputFolder.of({ CDKTF_OUTDIR: '' }).path).toBe('cdktf.out');
  const { file } = scratch();
  expect(runCheck({ OM_AZURE_CONFIG: file, CDKTF_OUTDIR: '' }, quiet)).toBe(0);
});

describe('two environments cannot share a local state file', () => {
  const problems = (dev: string, prod: string) => {
    const environments = {
      dev: { ...distinctEnvironment('dev'), backend: { type: 'local', path: dev } },
      prod: { ...distinctEnvironment('prod'), backend: { type: 'local', path: prod } },
    };
    const { file } = scratch(environments);
    let stderr = '';
    const code = runCheck({ OM_AZURE_CONFIG: file }, { stdout: () => {}, stderr: (t) => (stderr += t) });
    return { code, stderr };
  };

  test('fails when one path reaches the other through the project folder', () => {
    const project = path.basename(process.cwd());
    const run = problems('state/om.tfstate', `../${project}/state/om.tfstate`);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `environments.prod.backend.path: received "../${project}/state/om.tfstate"; expected a state file that no other environment uses, but environments.dev writes "state/om.tfstate", the same file seen from the project folder\n`,
    );
  });

  test('fails when the paths differ only in case', () => {
    const run = problems('state/om.tfstate', 'State/OM.tfstate');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the same file seen from the project folder on a file system that ignores case');
  });
});
