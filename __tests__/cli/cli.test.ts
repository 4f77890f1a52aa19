import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { ACCESS_PAGE, accessDiagramsAsked, runCheck, runSynth } from '../../lib/cli/synth-command';
import { EXIT_BAD_INPUT, EXIT_ENVIRONMENT_FAULT } from '../../lib/facts/errors';
import { PROVIDERS } from '../../lib/facts/provider-versions';
import { AKS_SUBNET, baseEnvironment, distinctEnvironment, SUBSCRIPTION } from '../helpers';
import { blocksUnwrapped, evaluateHclStack, evaluateJsonStack, terraformVersion } from '../terraform-eval';

// Runs the app the way `cdktf synth` does (same command as cdktf.json), in a scratch directory.
const ROOT = path.join(__dirname, '..', '..');
const APP = JSON.parse(fs.readFileSync(path.join(ROOT, 'cdktf.json'), 'utf8')).app as string;

/** Writes the config (unless undefined) into `dir` and runs the app with its output in `dir/cdktf.out`. */
function runApp(configText: string | undefined, dir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-cli-')), extraEnv: NodeJS.ProcessEnv = {}) {
  const configFile = path.join(dir, 'environments.yaml');
  if (configText !== undefined) fs.writeFileSync(configFile, configText);
  const outdir = path.join(dir, 'cdktf.out');
  const [node, ...args] = APP.split(' ');
  const result = spawnSync(node, args, {
    cwd: ROOT,
    env: { ...process.env, OM_AZURE_CONFIG: configFile, CDKTF_OUTDIR: outdir, ...extraEnv },
    encoding: 'utf8',
  });
  return { ...result, dir, outdir };
}

/**
 * The same as runApp, through the function the app calls, in this process: for what does not need a
 * real process (exit codes and stream handling keep the real-process cases above and below).
 */
function synthInProcess(
  configText: string | undefined,
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-cli-')),
  extraEnv: NodeJS.ProcessEnv = {},
) {
  const configFile = path.join(dir, 'environments.yaml');
  if (configText !== undefined) fs.writeFileSync(configFile, configText);
  const outdir = path.join(dir, 'cdktf.out');
  let stdout = '';
  let stderr = '';
  // TerraformStack reads SYNTH_HCL_OUTPUT from the process environment, as cdktf synth --hcl sets it.
  const hcl = process.env.SYNTH_HCL_OUTPUT;
  if (extraEnv.SYNTH_HCL_OUTPUT !== undefined) process.env.SYNTH_HCL_OUTPUT = extraEnv.SYNTH_HCL_OUTPUT;
  try {
    const status = runSynth(
      { OM_AZURE_CONFIG: configFile, CDKTF_OUTDIR: outdir, ...extraEnv },
      { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
    );
    return { status, stdout, stderr, dir, outdir: extraEnv.CDKTF_OUTDIR ?? outdir };
  } finally {
    if (hcl === undefined) delete process.env.SYNTH_HCL_OUTPUT;
    else process.env.SYNTH_HCL_OUTPUT = hcl;
  }
}

// A read-only checkout (a mounted volume, a locked-down CI image) needs a read-only mount, which an
// unprivileged user namespace gives where the kernel allows one (`unshare -rm`).
const CAN_MOUNT = spawnSync('unshare', ['-rm', 'true']).status === 0;
if (!CAN_MOUNT)
  console.log(
    'read-only checkout cases: unshare -rm (a user namespace) is not allowed here, so the sources run with OM_SYNTH_FROM_SOURCES=1 and the read-only case is skipped',
  );

/**
 * Runs the app as runApp does, with the whole checkout mounted read-only; `withoutCache` also hides
 * the bundle cache behind an empty read-only folder, so the bundle can be neither found nor built.
 */
function runAppReadOnly(env: NodeJS.ProcessEnv, withoutCache: boolean) {
  const cache = path.join(ROOT, 'node_modules', '.cache', 'openmetadata-azure-keyvault');
  fs.mkdirSync(cache, { recursive: true });
  const hideCache = withoutCache ? 'mount --bind -o ro "$EMPTY" "$CACHE" && ' : '';
  const script = `mount --bind -o ro "$ROOT" "$ROOT" && ${hideCache}cd "$ROOT" && exec ${APP}`;
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'om-empty-'));
  return spawnSync('unshare', ['-rm', 'sh', '-c', script], {
    env: { ...process.env, ROOT, EMPTY: empty, CACHE: cache, ...env },
    encoding: 'utf8',
  });
}

describe('a real synth, with no terraform binary on the PATH (nothing in the app runs terraform)', () => {
  const config = stringify({ environments: { dev: distinctEnvironment('dev'), prod: distinctEnvironment('prod') } });
  const run = runApp(config, undefined, { PATH: path.dirname(process.execPath) });

  test('exits 0 without a word about terraform on stderr', () => {
    expect(run.stderr).not.toMatch(/ERROR|Error|terraform|Validation failed/i);
    expect(run.status).toBe(0);
  });

  test('synthesizes one stack per environment', () => {
    expect(fs.readdirSync(path.join(run.outdir, 'stacks')).sort()).toEqual(['dev', 'prod']);
  });

  test('writes no absolute path (no string starts with the scratch or project folder)', () => {
    const json = fs.readFileSync(path.join(run.outdir, 'stacks', 'prod', 'cdk.tf.json'), 'utf8');
    expect(json).not.toContain(`"${run.dir}`);
    expect(json).not.toContain(`"${ROOT}`);
  });

  test('the TypeScript sources synthesize exactly what the bundle does, also in a read-only checkout (no bundle cache)', () => {
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'om-sources-')), 'cdktf.out');
    const env = { OM_AZURE_CONFIG: path.join(run.dir, 'environments.yaml'), CDKTF_OUTDIR: outdir };
    const sources = CAN_MOUNT ? runAppReadOnly(env, true) : runApp(config, undefined, { OM_SYNTH_FROM_SOURCES: '1', ...env });
    expect(sources.stderr).toBe('');
    expect(sources.status).toBe(0);
    for (const stack of ['dev', 'prod']) {
      const read = (dir: string) => fs.readFileSync(path.join(dir, 'stacks', stack, 'cdk.tf.json'), 'utf8');
      expect(read(outdir)).toBe(read(run.outdir));
    }
  });
});

test('local state stays in the project root whatever the output folder (Terraform runs in cdktf.out/stacks/<env>)', () => {
  const config = stringify({ environments: { dev: distinctEnvironment('dev') } });
  const elsewhere = synthInProcess(config);
  const inside = synthInProcess(config, undefined, { CDKTF_OUTDIR: 'cdktf.out.test-local-state' });
  try {
    for (const run of [elsewhere, inside]) {
      expect(run.status).toBe(0);
      const outdir = path.resolve(ROOT, run === inside ? 'cdktf.out.test-local-state' : run.outdir);
      const stack = path.join(outdir, 'stacks', 'dev');
      const json = JSON.parse(fs.readFileSync(path.join(stack, 'cdk.tf.json'), 'utf8'));
      expect(path.resolve(stack, json.terraform.backend.local.path)).toBe(path.join(ROOT, 'terraform.dev.tfstate'));
    }
    const json = JSON.parse(fs.readFileSync(path.join(ROOT, 'cdktf.out.test-local-state', 'stacks', 'dev', 'cdk.tf.json'), 'utf8'));
    expect(json.terraform.backend.local.path).toBe('../../../terraform.dev.tfstate');
  } finally {
    fs.rmSync(path.join(ROOT, 'cdktf.out.test-local-state'), { recursive: true, force: true });
  }
});

test('fails when a local state file would be inside the output folder', () => {
  const env = distinctEnvironment('dev');
  env.backend = { type: 'local', path: 'out/x.tfstate' };
  const run = synthInProcess(stringify({ environments: { dev: env } }), undefined, { CDKTF_OUTDIR: 'out' });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain(
    'environments.dev.backend.path: received "out/x.tfstate"; expected a path outside the output folder out (synth rewrites it)',
  );
  expect(fs.existsSync(path.join(ROOT, 'out'))).toBe(false);
});

test('fails on a bad file with every problem, exit 1, no stack trace, no output written', () => {
  const run = runApp(stringify({ environments: { dev: { ...baseEnvironment(), tenantId: 'x', location: 42 } } }));
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('Configuration error: ');
  expect(run.stderr).toContain('environments.dev.tenantId: received "x"; expected a GUID');
  expect(run.stderr).toContain('environments.dev.location: received 42; expected a string');
  expect(run.stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
  expect(fs.existsSync(run.outdir)).toBe(false);
});

test('fails when the file is missing, naming it', () => {
  const run = synthInProcess(undefined);
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/environments\.yaml: 1 problem\n {2}- no such file/);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(fs.existsSync(run.outdir)).toBe(false);
});

test('leaves an earlier synth untouched when the file turns bad', () => {
  const good = synthInProcess(stringify({ environments: { dev: baseEnvironment() } }));
  expect(good.status).toBe(0);
  const stackFile = path.join(good.outdir, 'stacks', 'dev', 'cdk.tf.json');
  const before = fs.readFileSync(stackFile, 'utf8');
  const bad = synthInProcess('environments: [', good.dir);
  expect(bad.status).toBe(1);
  expect(bad.stderr).toContain('not valid YAML at line 1');
  expect(fs.readFileSync(stackFile, 'utf8')).toBe(before);
});

describe('environment faults: one line with the path and the cause, exit code 2, no stack trace', () => {
  const config = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-fault-'));
    const file = path.join(dir, 'environments.yaml');
    fs.writeFileSync(file, stringify({ environments: { dev: distinctEnvironment('dev') } }));
    return { dir, file };
  };
  const synth = (env: NodeJS.ProcessEnv) => {
    let stderr = '';
    const code = runSynth(env, { stdout: () => {}, stderr: (t) => (stderr += t) });
    return { code, stderr };
  };

  test('an output folder that is a file', () => {
    const { dir, file } = config();
    const outdir = path.join(dir, 'cdktf.out');
    fs.writeFileSync(outdir, 'not a folder');
    const run = synth({ OM_AZURE_CONFIG: file, CDKTF_OUTDIR: outdir });
    expect(run.code).toBe(EXIT_ENVIRONMENT_FAULT);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(
      /^Cannot write the synthesized stacks: .*cdktf\.out.*: (a file is in the way of a folder|a path component is a file, not a folder) \(E[A-Z]+\)/,
    );
    expect(fs.readFileSync(outdir, 'utf8')).toBe('not a folder');
  });

  test('an output folder below a file', () => {
    const { dir, file } = config();
    fs.writeFileSync(path.join(dir, 'blocker'), '');
    const run = synth({ OM_AZURE_CONFIG: file, CDKTF_OUTDIR: path.join(dir, 'blocker', 'cdktf.out') });
    expect(run.code).toBe(EXIT_ENVIRONMENT_FAULT);
    expect(run.stderr).toContain('a path component is a file, not a folder (ENOTDIR)');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  // /dev/full answers every write with ENOSPC: a stack file linked to it stands in for a full disk.
  (fs.existsSync('/dev/full') ? test : test.skip)('a full disk', () => {
    const { dir, file } = config();
    const outdir = path.join(dir, 'cdktf.out');
    fs.mkdirSync(path.join(outdir, 'stacks', 'dev'), { recursive: true });
    fs.symlinkSync('/dev/full', path.join(outdir, 'stacks', 'dev', 'cdk.tf.json'));
    const run = synth({ OM_AZURE_CONFIG: file, CDKTF_OUTDIR: outdir });
    expect(run.code).toBe(EXIT_ENVIRONMENT_FAULT);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(`${outdir}: no space left on the device (ENOSPC)`);
  });

  (CAN_MOUNT ? test : test.skip)('an output folder in a read-only checkout', () => {
    const { file } = config();
    const run = runAppReadOnly({ OM_AZURE_CONFIG: file, CDKTF_OUTDIR: 'cdktf.out.readonly-check' }, false);
    expect(run.stderr).toBe(
      'Cannot write the synthesized stacks: cdktf.out.readonly-check: read-only file system (EROFS). Check the folder (CDKTF_OUTDIR or --output, now cdktf.out.readonly-check) and the disk; the configuration is fine.\n',
    );
    expect(run.status).toBe(EXIT_ENVIRONMENT_FAULT);
    expect(fs.existsSync(path.join(ROOT, 'cdktf.out.readonly-check'))).toBe(false);
  });

  test.each([
    ['a missing parent folder', (dir: string) => path.join(dir, 'missing', 'cdktf.out'), 'a folder on the way does not exist (ENOENT)'],
    ['a name too long', (dir: string) => path.join(dir, 'x'.repeat(300)), 'the path or one of its names is too long (ENAMETOOLONG)'],
    [
      'a symbolic link loop',
      (dir: string) => {
        fs.symlinkSync(path.join(dir, 'b'), path.join(dir, 'a'));
        fs.symlinkSync(path.join(dir, 'a'), path.join(dir, 'b'));
        return path.join(dir, 'a', 'cdktf.out');
      },
      'too many symbolic links on the way (a link loop?) (ELOOP)',
    ],
  ])('an output folder with %s', (_name, outdirIn, cause) => {
    const { dir, file } = config();
    const run = synth({ OM_AZURE_CONFIG: file, CDKTF_OUTDIR: outdirIn(dir) });
    expect(run.code).toBe(EXIT_ENVIRONMENT_FAULT);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(cause);
  });

  test('the exit code differs from the one for bad input', () => {
    expect(EXIT_ENVIRONMENT_FAULT).not.toBe(EXIT_BAD_INPUT);
  });
});

describe('what the terminal shows', () => {
  const synth = (configText: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-out-'));
    const file = path.join(dir, 'environments.yaml');
    fs.writeFileSync(file, configText);
    let stdout = '';
    let stderr = '';
    const code = runSynth(
      { OM_AZURE_CONFIG: file, CDKTF_OUTDIR: path.join(dir, 'cdktf.out') },
      { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
    );
    return { code, stdout, stderr };
  };

  test('a successful synth prints its warnings once, on stdout (the cdktf CLI labels stderr lines [ERROR])', () => {
    const run = synth(stringify({ environments: { dev: distinctEnvironment('dev') } }));
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.match(/WARNING {4}OMKV-KV7/g)).toHaveLength(1);
  });

  test('a failed synth prints its report once, on stderr, and nothing on stdout', () => {
    const env = distinctEnvironment('dev');
    env.keyVault.network = { allowedIpRanges: ['0.0.0.0/0'] };
    const run = synth(stringify({ environments: { dev: env } }));
    expect(run.code).toBe(EXIT_BAD_INPUT);
    expect(run.stdout).toBe('');
    expect(run.stderr.match(/OMKV-KV9/g)).toHaveLength(1);
    expect(run.stderr.match(/OMKV-KV7/g)).toHaveLength(1);
  });
});

describe('synth --hcl writes Terraform (the way out of cdktf)', () => {
  const example = fs.readFileSync(path.join(ROOT, 'environments.yaml'), 'utf8');
  // A tag value with a double quote, and a secret tag the fuzzy renderer would have turned into a list.
  const withQuotes = example.replace('owner: data-platform', 'owner: data "platform" team');
  const run = synthInProcess(withQuotes, undefined, { SYNTH_HCL_OUTPUT: 'true' });
  const stacks = ['dev', 'sandbox'];
  const hclOf = (stack: string) => fs.readFileSync(path.join(run.outdir, 'stacks', stack, 'cdk.tf'), 'utf8');

  test('synthesizes every example stack as HCL', () => {
    expect(run.status).toBe(0);
    for (const stack of stacks) expect(fs.existsSync(path.join(run.outdir, 'stacks', stack, 'cdk.tf'))).toBe(true);
  });

  // sandbox renders its Kubernetes objects as manifests: its removed blocks need Terraform 1.7.
  test.each([
    ['dev', '1\\.5\\.0'],
    ['sandbox', '1\\.7\\.0'],
  ])('%s: required_version is an attribute, not cdktf\'s `0 = "required_version"`', (stack, version) => {
    const hcl = hclOf(stack);
    expect(hcl).toMatch(new RegExp(`^\\s*required_version = ">= ${version}"$`, 'm'));
    expect(hcl).not.toMatch(/^\s*\d+ = "/m);
  });

  test("declares the provider versions that run the stack, not the bindings' (lib/facts/provider-versions.ts)", () => {
    const hcl = hclOf('sandbox');
    for (const name of ['azurerm', 'azuread', 'time'] as const) {
      expect(hcl).toMatch(
        new RegExp(
          `^\\s*${name} = \\{\\s*version = "${PROVIDERS[name].version.replace(/\./g, '\\.')}"\\s*source = "hashicorp/${name}"`,
          'm',
        ),
      );
    }
  });

  const version = terraformVersion();
  if (!version) console.log('synth --hcl: the comparison with the JSON by terraform is skipped, no terraform binary on the PATH');
  (version ? test.each(stacks) : test.skip.each(stacks))('%s: terraform reads cdk.tf as the same values as cdk.tf.json', async (stack) => {
    const json = synthInProcess(withQuotes);
    const fromJson = await evaluateJsonStack(JSON.parse(fs.readFileSync(path.join(json.outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')));
    const fromHcl = await evaluateHclStack(hclOf(stack));
    // The two synths ran in folders of their own: the local state path differs by design.
    for (const values of [fromJson, fromHcl]) delete values.backend__local;
    expect(blocksUnwrapped(fromHcl)).toEqual(blocksUnwrapped(fromJson));
  });

  // The HCL stacks through terraform and the stand-in providers: the moved, removed and check blocks
  // cdktf's HCL writer does not know are there (sandbox forgets its Secrets, dev moves an account)
  // and valid.
  (version ? test.each(stacks) : test.skip.each(stacks))(
    '%s: terraform plans cdk.tf with the stand-in providers as it plans cdk.tf.json',
    async (stack) => {
      const { Workspace } = require('../standin-harness') as typeof import('../standin-harness');
      const { writeStack } = require('../../standin/terraform') as typeof import('../../standin/terraform');
      const synthesized = synthInProcess(withQuotes);
      const json = JSON.parse(fs.readFileSync(path.join(synthesized.outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
      const ws = await Workspace.create([json]);
      try {
        const fromJson = await ws.plan(json);
        // The same directory, the HCL instead: the backend block dropped as writeStack drops it.
        writeStack(ws.dir, {});
        fs.rmSync(path.join(ws.dir, 'cdk.tf.json'));
        fs.writeFileSync(path.join(ws.dir, 'cdk.tf'), hclOf(stack).replace(/\n\s*backend "local" \{[^}]*\}/, ''));
        const { terraform } = require('../../standin/terraform') as typeof import('../../standin/terraform');
        const fromHcl = await terraform(ws.host, ws.dir, ['plan', '-input=false']);
        expect(fromHcl.code).toBe(0);
        expect(fromHcl.stdout).toContain(fromJson.summary);
        expect(hclOf(stack)).toMatch(stack === 'sandbox' ? /^removed \{\n {2}from = kubernetes_secret_v1\.ServerSecret$/m : /^moved \{$/m);
        // The lock check too: this first plan creates the lock, so both warn about it.
        expect(json.check).toBeDefined();
        expect(hclOf(stack)).toMatch(/^check "vault_lock" \{$/m);
        expect(fromJson.run.stdout).toMatch(/Check block assertion known after apply/);
        expect(fromHcl.stdout).toMatch(/Check block assertion known after apply[\s\S]*in check "vault_lock"/);
      } finally {
        await ws.close();
      }
    },
  );

  test('literal strings in outputs stay strings: SECRET_MANAGER_TAGS is a quoted string, not a list', () => {
    // cdktf's writer copies an output string that starts with [ as an expression: the [ is escaped.
    expect(hclOf('dev')).toContain('SECRET_MANAGER_TAGS = "\\u005B\\"app:openmetadata\\"]"');
  });

  test('a double quote in a tag value is escaped', () => {
    expect(hclOf('dev')).toContain('"data \\"platform\\" team"');
  });

  const terraform = spawnSync('terraform', ['version'], { encoding: 'utf8' }).status === 0;
  if (!terraform) console.log('synth --hcl: terraform fmt check skipped, no terraform binary on the PATH (the checks above still ran)');
  (terraform ? test.each(stacks) : test.skip.each(stacks))('%s: terraform fmt parses it', (stack) => {
    const fmt = spawnSync('terraform', ['fmt', '-no-color', '-'], {
      input: hclOf(stack),
      encoding: 'utf8',
      env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null' },
    });
    expect(fmt.stderr.split('\n').filter((l) => /Error/.test(l))).toEqual([]);
    expect(fmt.status).toBe(0);
  });
});

describe('npm run check', () => {
  test('validates and runs the policy checks, writing nothing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-check-'));
    const file = path.join(dir, 'environments.yaml');
    fs.writeFileSync(file, stringify({ environments: { dev: distinctEnvironment('dev') } }));
    let stdout = '';
    const code = runCheck(
      { OM_AZURE_CONFIG: file, CDKTF_OUTDIR: path.join(dir, 'cdktf.out') },
      { stdout: (t) => (stdout += t), stderr: () => {} },
    );
    expect(code).toBe(0);
    expect(stdout).toContain('WARNING    OMKV-KV7');
    expect(stdout).toContain('Configuration and policy checks passed; nothing was written.');
    expect(stdout).not.toContain('synthesized');
  });

  test('says it checked an environment without findings', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-check-'));
    const file = path.join(dir, 'environments.yaml');
    const env = distinctEnvironment('dev');
    env.keyVault.diagnostics = {
      logAnalyticsWorkspaceId: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/law-platform`,
    };
    env.keyVault.privateEndpoint = {
      location: 'westeurope',
      subnetId: AKS_SUBNET,
      privateDnsZoneId: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net`,
    };
    fs.writeFileSync(file, stringify({ environments: { dev: env } }));
    let stdout = '';
    expect(runCheck({ OM_AZURE_CONFIG: file }, { stdout: (t) => (stdout += t), stderr: () => {} })).toBe(0);
    expect(stdout).toBe(
      'Policy checks for dev: 0 error(s), 0 warning(s), 0 suppressed\nConfiguration and policy checks passed; nothing was written.\n',
    );
    expect(fs.readdirSync(dir)).toEqual(['environments.yaml']);
  });

  test('refuses a local state file inside the output folder, as synth does', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-check-'));
    const file = path.join(dir, 'environments.yaml');
    const env = distinctEnvironment('dev');
    env.backend = { type: 'local', path: 'out/x.tfstate' };
    fs.writeFileSync(file, stringify({ environments: { dev: env } }));
    let stderr = '';
    expect(runCheck({ OM_AZURE_CONFIG: file, CDKTF_OUTDIR: 'out' }, { stdout: () => {}, stderr: (t) => (stderr += t) })).toBe(
      EXIT_BAD_INPUT,
    );
    expect(stderr).toContain('expected a path outside the output folder out');
    expect(fs.existsSync(path.join(ROOT, 'out'))).toBe(false);
  });

  test("fails on policy errors with the synth's exit code", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-check-'));
    const file = path.join(dir, 'environments.yaml');
    const env = distinctEnvironment('dev');
    env.keyVault.network = { allowedIpRanges: ['0.0.0.0/0'] };
    fs.writeFileSync(file, stringify({ environments: { dev: env } }));
    let stderr = '';
    expect(runCheck({ OM_AZURE_CONFIG: file }, { stdout: () => {}, stderr: (t) => (stderr += t) })).toBe(EXIT_BAD_INPUT);
    expect(stderr).toContain('OMKV-KV9');
    expect(stderr).toContain('Policy errors: nothing was written.');
  });
});

test('npm run synth writes the stacks without the cdktf CLI, and removes the folders of stacks it wrote before that are gone', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-synth-'));
  const file = path.join(dir, 'environments.yaml');
  fs.writeFileSync(file, stringify({ environments: { dev: distinctEnvironment('dev') } }));
  const outdir = path.join(dir, 'cdktf.out');
  // The previous synth wrote dev and gone; mine is a folder nobody synthesized.
  for (const name of ['dev', 'gone', 'mine']) fs.mkdirSync(path.join(outdir, 'stacks', name), { recursive: true });
  fs.writeFileSync(path.join(outdir, 'manifest.json'), JSON.stringify({ stacks: { dev: {}, gone: {} } }));
  const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'synth.js')], {
    cwd: ROOT,
    env: { ...process.env, OM_AZURE_CONFIG: file, CDKTF_OUTDIR: outdir },
    encoding: 'utf8',
  });
  expect(run.status).toBe(0);
  expect(fs.readdirSync(path.join(outdir, 'stacks')).sort()).toEqual(['dev', 'mine']);
  expect(JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')).stacks.dev.synthesizedStackPath).toBe(
    'stacks/dev/cdk.tf.json',
  );
});

describe('access diagrams beside the stacks', () => {
  const config = stringify({ environments: { dev: distinctEnvironment('dev'), prod: distinctEnvironment('prod') } });

  test('npm run synth -- --access-diagrams writes access.md beside each stack, with its diagram', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-access-'));
    fs.writeFileSync(path.join(dir, 'environments.yaml'), config);
    const outdir = path.join(dir, 'cdktf.out');
    const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'synth.js'), '--access-diagrams'], {
      cwd: ROOT,
      env: { ...process.env, OM_AZURE_CONFIG: path.join(dir, 'environments.yaml'), CDKTF_OUTDIR: outdir },
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    for (const env of ['dev', 'prod']) {
      const page = fs.readFileSync(path.join(outdir, 'stacks', env, ACCESS_PAGE), 'utf8');
      expect(page).toMatch(new RegExp(`^# Who can read what: environment \`${env}\`\n`));
      expect(page).toContain('service account airflow-worker');
      expect(page).toContain(`Kubernetes namespace airflow-${env}`);
    }
  });

  test('a synth not asked for them removes the pages an earlier one wrote, which would describe an old config', () => {
    const first = runApp(config, undefined, { OM_ACCESS_DIAGRAMS: '1' });
    expect(first.status).toBe(0);
    expect(fs.existsSync(path.join(first.outdir, 'stacks', 'dev', ACCESS_PAGE))).toBe(true);
    const second = synthInProcess(config, first.dir);
    expect(second.status).toBe(0);
    expect(fs.readdirSync(path.join(second.outdir, 'stacks', 'dev'))).toEqual(['cdk.tf.json']);
  });

  test('asked for with the flag (npm run synth) or OM_ACCESS_DIAGRAMS=1 (cdktf synth passes the app no arguments)', () => {
    expect(accessDiagramsAsked(['--access-diagrams'], {})).toBe(true);
    expect(accessDiagramsAsked([], { OM_ACCESS_DIAGRAMS: '1' })).toBe(true);
    expect(accessDiagramsAsked([], {})).toBe(false);
    expect(accessDiagramsAsked([], { OM_ACCESS_DIAGRAMS: '0' })).toBe(false);
  });
});

describe('npm run check -- --terraform', () => {
  const check = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    spawnSync(process.execPath, ['-r', './scripts/ts-register.js', 'scripts/check.ts', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ...env },
    });

  if (!terraformVersion()) console.log('npm run check -- --terraform: plan test skipped, no terraform binary on the PATH');
  (terraformVersion() ? test : test.skip)('plans every environment with the stand-in providers and says what that proves', () => {
    const run = check(['--terraform'], { OM_AZURE_CONFIG: 'environments.yaml' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Terraform \d+\.\d+\.\d+ with stand-in providers, dev: Plan: \d+ to add, 0 to change, 0 to destroy\./);
    expect(run.stdout).toMatch(/with stand-in providers, sandbox: Plan: /);
    expect(run.stdout).toContain('Not proved: that your vault, cluster or network exist');
  });

  test('fails on an argument it does not know, naming it', () => {
    const run = check(['--terraform', '--apply']);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('npm run check: received "--apply"; expected no argument, --terraform, or --format sarif\n');
  });

  test('--format sarif prints SARIF on stdout, and exits as the check does', () => {
    const run = check(['--format', 'sarif'], { OM_AZURE_CONFIG: 'environments.yaml' });
    expect(run.status).toBe(0);
    const log = JSON.parse(run.stdout);
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri)).toContain('environments.yaml');
  });
});
