import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse, stringify } from 'yaml';
import { MAX_OUTPUTS_BYTES, parseValuesArgs, runValues, shellQuote, softDeleteRunbook, writeValues } from '../../lib/cli/values-command';
import { dependenciesValues, openmetadataValues, workflowConfig } from '../../lib/openmetadata/openmetadata-helm-values';
import { synthConfigFile, WORKLOAD_IDENTITY_VALUES } from '../helpers';

const ROOT = path.join(__dirname, '..', '..');
const OM_VALUES = openmetadataValues(WORKLOAD_IDENTITY_VALUES);
const DEPENDENCIES_VALUES = dependenciesValues({ vaultName: 'kv-om-dev', serviceAccountName: 'airflow-worker' });

/** Stack outputs as `cdktf output --outputs-file` writes them: stack name, then output name to value. */
function outputsOf(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    dev: {
      key_vault_name: 'kv-om-dev',
      helm_values_openmetadata: stringify(OM_VALUES),
      helm_values_dependencies: stringify(DEPENDENCIES_VALUES),
      workflow_config_airflow: stringify(workflowConfig('airflow')),
      workflow_config_cli: stringify(workflowConfig('env')),
      server_namespace: 'openmetadata',
      ingestion_namespace: 'airflow',
      secrets_manager: 'managed-azure-kv',
      secret_name_head: 'sbx-openmetadata',
      sensitive_outputs: [],
      ...extra,
    },
    prod: {},
  };
}

function scratch(outputs: unknown): { dir: string; outputsFile: string; outDir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-values-'));
  const outputsFile = path.join(dir, 'outputs.json');
  if (outputs !== undefined) fs.writeFileSync(outputsFile, typeof outputs === 'string' ? outputs : JSON.stringify(outputs));
  return { dir, outputsFile, outDir: path.join(dir, 'helm', 'dev') };
}

describe('writing the files', () => {
  const { outputsFile, outDir } = scratch(outputsOf());
  const result = writeValues({ environment: 'dev', outputsFile, outDir });

  test('writes both values files and both workflowConfig snippets', () => {
    expect(result.files.map((f) => path.basename(f))).toEqual([
      'values-openmetadata.yaml',
      'values-dependencies.yaml',
      'workflow-config-airflow.yaml',
      'workflow-config-cli.yaml',
    ]);
    expect(parse(fs.readFileSync(path.join(outDir, 'values-openmetadata.yaml'), 'utf8'))).toEqual(OM_VALUES);
    expect(parse(fs.readFileSync(path.join(outDir, 'values-dependencies.yaml'), 'utf8'))).toEqual(DEPENDENCIES_VALUES);
    expect(parse(fs.readFileSync(path.join(outDir, 'workflow-config-cli.yaml'), 'utf8'))).toEqual(workflowConfig('env'));
  });

  // The chart version the values were checked against (lib/facts/openmetadata-charts.ts).
  test('prints the two helm commands, Airflow first, each pinned to the chart version, in its namespace with its file', () => {
    const helm = result.instructions.filter((l) => l.startsWith('helm upgrade'));
    expect(helm).toEqual([
      `helm upgrade --install openmetadata-dependencies open-metadata/openmetadata-dependencies --version 1.13.1 --namespace airflow -f ${path.join(outDir, 'values-dependencies.yaml')}`,
      `helm upgrade --install openmetadata open-metadata/openmetadata --version 1.13.1 --namespace openmetadata -f ${path.join(outDir, 'values-openmetadata.yaml')}`,
    ]);
  });

  test("says where the dependencies chart's MySQL and OpenSearch are when Airflow runs in another namespace", () => {
    expect(result.instructions).toContainEqual(
      expect.stringMatching(
        /^# the dependencies chart's MySQL and OpenSearch run in airflow, .*config\.database\.host to mysql\.airflow\.svc\.cluster\.local and openmetadata\.config\.elasticsearch\.host to opensearch\.airflow\.svc\.cluster\.local /,
      ),
    );
  });

  test('says nothing about them when both charts share a namespace', () => {
    const one = scratch(outputsOf({ ingestion_namespace: 'openmetadata' }));
    const printed = writeValues({ environment: 'dev', outputsFile: one.outputsFile, outDir: one.outDir }).instructions;
    expect(printed.filter((l) => l.includes('MySQL'))).toEqual([]);
  });

  test('prints the one-time secrets migration, run in the server pod', () => {
    expect(result.instructions).toContain(
      'kubectl --namespace openmetadata exec deploy/openmetadata -- ./bootstrap/openmetadata-ops.sh migrate-secrets',
    );
  });

  test('prints no kubectl apply when Kubernetes is managed by the stack', () => {
    expect(result.instructions.some((l) => l.startsWith('kubectl apply'))).toBe(false);
  });

  // openmetadata-service AzureKVSecretsManager.java (read at commits ef11b3b8 and 412e44d5 of
  // open-metadata/OpenMetadata; no 1.13.x snapshot in the index) deletes with beginDeleteSecret and
  // has no recover path; with purge protection the deleted name stays taken, so re-creating it
  // fails until someone recovers it.
  test('prints the soft-delete runbook after the migration, with the vault and the real secret names', () => {
    const migrate = result.instructions.findIndex((l) => l.includes('migrate-secrets'));
    const listDeleted = result.instructions.indexOf(
      'az keyvault secret list-deleted --vault-name kv-om-dev --query \'[?starts_with(name, `"sbx-openmetadata-"`)].{name:name, deleted:deletedDate}\' -o table',
    );
    expect(listDeleted).toBeGreaterThan(migrate);
    expect(result.instructions).toContain('az keyvault secret recover --vault-name kv-om-dev --name <name from the list>');
    expect(result.instructions.join('\n')).toContain('Key Vault Secrets Officer on kv-om-dev');
  });

  test('writes the server values readable by their owner only (with Kubernetes Jobs they hold a client secret)', () => {
    expect(fs.statSync(path.join(outDir, 'values-openmetadata.yaml')).mode & 0o777).toBe(0o600);
  });
});

describe('azure-kv', () => {
  const { outputsFile, outDir } = scratch(outputsOf({ secrets_manager: 'azure-kv', secret_name_head: undefined }));
  const result = writeValues({ environment: 'dev', outputsFile, outDir });

  test('prints no secrets migration and no runbook: the server keeps its secrets in its database', () => {
    expect(result.instructions.some((l) => l.includes('migrate-secrets') || l.startsWith('az keyvault'))).toBe(false);
    expect(result.instructions).toContain(
      '# azure-kv: the server keeps its secrets in its database; put the secrets your ingestion reads into the vault yourself and reference them as secret:<name>',
    );
  });
});

describe('manifests (kubernetes.manage: false)', () => {
  test('are written, the Secret readable by its owner only, and applied before Helm', () => {
    const { outputsFile, outDir } = scratch(
      outputsOf({ kubernetes_service_accounts_manifest: 'kind: ServiceAccount\n', kubernetes_secrets_manifest: 'kind: Secret\n' }),
    );
    const result = writeValues({ environment: 'dev', outputsFile, outDir });
    const secrets = path.join(outDir, 'kubernetes-secrets.yaml');
    expect(fs.readFileSync(secrets, 'utf8')).toBe('kind: Secret\n');
    expect(fs.statSync(secrets).mode & 0o777).toBe(0o600);
    const applyAt = result.instructions.indexOf(`kubectl apply -f ${secrets}`);
    expect(applyAt).toBeGreaterThan(-1);
    expect(applyAt).toBeLessThan(result.instructions.findIndex((l) => l.startsWith('helm upgrade')));
    expect(result.instructions).toContain(`kubectl apply -f ${path.join(outDir, 'kubernetes-service-accounts.yaml')}`);
  });

  test('say how to get a sensitive manifest the outputs file left out', () => {
    const { outputsFile, outDir } = scratch(outputsOf({ kubernetes_secrets_manifest: null }));
    const result = writeValues({ environment: 'dev', outputsFile, outDir });
    expect(fs.existsSync(path.join(outDir, 'kubernetes-secrets.yaml'))).toBe(false);
    expect(result.instructions.join('\n')).toContain('--outputs-file-include-sensitive-outputs');
  });
});

describe('bad input', () => {
  test('fails when the outputs file is missing, saying how to write it, and writes nothing', () => {
    const { outputsFile, outDir } = scratch(undefined);
    expect(() => writeValues({ environment: 'dev', outputsFile, outDir })).toThrow(
      `${outputsFile}: no such file; expected the outputs of the deployed stack. Write it with:\n  npx cdktf output dev --outputs-file ${outputsFile} --outputs-file-include-sensitive-outputs`,
    );
    expect(fs.existsSync(outDir)).toBe(false);
  });

  test('fails when the file is not JSON', () => {
    const { outputsFile, outDir } = scratch('{ not json');
    expect(() => writeValues({ environment: 'dev', outputsFile, outDir })).toThrow(
      'not JSON; expected the file cdktf output --outputs-file writes',
    );
  });

  test('fails when the environment is not in the file, naming those that are', () => {
    const { outputsFile, outDir } = scratch(outputsOf());
    expect(() => writeValues({ environment: 'staging', outputsFile, outDir })).toThrow(
      'no outputs for environment "staging"; found dev, prod',
    );
  });

  test('fails when outputs are missing (a stack deployed by an older version)', () => {
    const { outputsFile, outDir } = scratch(outputsOf({ helm_values_openmetadata: undefined, server_namespace: undefined }));
    expect(() => writeValues({ environment: 'dev', outputsFile, outDir })).toThrow(
      'environment dev lacks the outputs helm_values_openmetadata, server_namespace',
    );
    expect(fs.existsSync(outDir)).toBe(false);
  });
});

describe('hostile or broken targets', () => {
  test('fails when --out-dir is a file, and writes nothing', () => {
    const { dir, outputsFile } = scratch(outputsOf());
    const outDir = path.join(dir, 'a-file');
    fs.writeFileSync(outDir, 'x');
    expect(() => writeValues({ environment: 'dev', outputsFile, outDir })).toThrow(
      `${outDir}: not a folder (a file); expected the folder to write the values files into (--out-dir)`,
    );
    expect(fs.readFileSync(outDir, 'utf8')).toBe('x');
  });

  test('fails when a target is a folder, and writes none of the files', () => {
    const { outputsFile, outDir } = scratch(outputsOf());
    fs.mkdirSync(path.join(outDir, 'workflow-config-cli.yaml'), { recursive: true });
    expect(() => writeValues({ environment: 'dev', outputsFile, outDir })).toThrow(
      `${path.join(outDir, 'workflow-config-cli.yaml')}: a folder is in the way`,
    );
    expect(fs.readdirSync(outDir)).toEqual(['workflow-config-cli.yaml']);
  });

  test('fails when the outputs file is not a regular file', () => {
    const { dir, outDir } = scratch(outputsOf());
    expect(() => writeValues({ environment: 'dev', outputsFile: dir, outDir })).toThrow(`${dir}: not a regular file`);
  });

  test('replaces a symbolic link at a target instead of writing through it, and says so', () => {
    const { dir, outputsFile, outDir } = scratch(outputsOf({ kubernetes_secrets_manifest: 'kind: Secret\n' }));
    fs.mkdirSync(outDir, { recursive: true });
    const elsewhere = path.join(dir, 'elsewhere.txt');
    fs.writeFileSync(elsewhere, 'untouched');
    const target = path.join(outDir, 'kubernetes-secrets.yaml');
    fs.symlinkSync(elsewhere, target);
    const result = writeValues({ environment: 'dev', outputsFile, outDir });
    expect(fs.readFileSync(elsewhere, 'utf8')).toBe('untouched');
    expect(fs.lstatSync(target).isSymbolicLink()).toBe(false);
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);
    expect(result.instructions).toContain(`# replaced ${target} (it existed)`);
  });

  test('leaves no temporary file behind', () => {
    const { outputsFile, outDir } = scratch(outputsOf());
    writeValues({ environment: 'dev', outputsFile, outDir });
    expect(fs.readdirSync(outDir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  test('fails, writing nothing, when sensitive outputs were left out of the outputs file, with the flag that brings them', () => {
    const { outputsFile, outDir } = scratch(
      outputsOf({ sensitive_outputs: ['kubernetes_secrets_manifest', 'cli_env'], cli_env: { AZURE_KEY_VAULT_NAME: 'kv' } }),
    );
    expect(() => writeValues({ environment: 'dev', outputsFile, outDir })).toThrow(
      `environment dev lacks its sensitive outputs kubernetes_secrets_manifest (cdktf output leaves them out without --outputs-file-include-sensitive-outputs); nothing was written`,
    );
    expect(fs.existsSync(outDir)).toBe(false);
  });

  test.each([
    ['missing', undefined, 'sensitive_outputs: received nothing (missing); expected the list of output names the stack writes there'],
    ['a string', 'cli_env', 'sensitive_outputs: received a string; expected the list of output names'],
    ['a list of numbers', [1], 'sensitive_outputs: received a list; expected the list of output names'],
  ])('fails, writing nothing, when sensitive_outputs is %s (left-out secrets would go unnoticed)', (_name, value, message) => {
    const { outputsFile, outDir } = scratch(outputsOf({ sensitive_outputs: value }));
    expect(() => writeValues({ environment: 'dev', outputsFile, outDir })).toThrow(message);
    expect(fs.existsSync(outDir)).toBe(false);
  });

  test('fails on an output of the wrong type as such, not as missing', () => {
    const { outputsFile, outDir } = scratch(outputsOf({ server_namespace: 42, helm_values_dependencies: { airflow: {} } }));
    expect(() => writeValues({ environment: 'dev', outputsFile, outDir })).toThrow(
      'environment dev: helm_values_dependencies: received a mapping; server_namespace: received a number; expected text (the stack writes each as a string)',
    );
  });

  test('fails on an outputs file larger than any stack writes, without reading it', () => {
    const { outputsFile, outDir } = scratch(undefined);
    fs.writeFileSync(outputsFile, '');
    fs.truncateSync(outputsFile, MAX_OUTPUTS_BYTES + 1);
    expect(() => writeValues({ environment: 'dev', outputsFile, outDir })).toThrow(
      `it is ${MAX_OUTPUTS_BYTES + 1} bytes; expected the outputs of one deployment`,
    );
  });

  test('shell-quotes the vault name and the secret-name head in the runbook, whatever they hold', () => {
    const [, , list, recover] = softDeleteRunbook("kv'; rm -rf ~; '", "om'$(id)");
    expect(list).toBe(
      `az keyvault secret list-deleted --vault-name 'kv'\\''; rm -rf ~; '\\''' --query '[?starts_with(name, \`"om'\\''$(id)-"\`)].{name:name, deleted:deletedDate}' -o table`,
    );
    expect(recover).toBe(`az keyvault secret recover --vault-name 'kv'\\''; rm -rf ~; '\\''' --name <name from the list>`);
  });

  test('quotes values it prints into shell commands', () => {
    const { dir, outputsFile } = scratch(outputsOf());
    const outDir = path.join(dir, 'my values');
    const result = writeValues({ environment: 'dev', outputsFile, outDir });
    expect(result.instructions).toContain(
      `helm upgrade --install openmetadata open-metadata/openmetadata --version 1.13.1 --namespace openmetadata -f '${path.join(outDir, 'values-openmetadata.yaml')}'`,
    );
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('openmetadata')).toBe('openmetadata');
  });
});

describe('arguments', () => {
  test('--help asks for the usage', () => {
    expect(parseValuesArgs(['--help'])).toBeUndefined();
  });

  test('fail when the environment is a path, not a name', () => {
    expect(() => parseValuesArgs(['../../../tmp/x'])).toThrow('environment: received "../../../tmp/x"; expected an environment name');
  });

  test('default to outputs.json and helm/<env>', () => {
    expect(parseValuesArgs(['dev'])).toEqual({ environment: 'dev', outputsFile: 'outputs.json', outDir: path.join('helm', 'dev') });
  });

  test('take an outputs file and a folder', () => {
    expect(parseValuesArgs(['--outputs-file', 'o.json', 'prod', '--out-dir', 'out'])).toEqual({
      environment: 'prod',
      outputsFile: 'o.json',
      outDir: 'out',
    });
  });

  test.each([
    [[], 'no environment given; usage: npm run values -- <environment>'],
    [['dev', '--verbose'], 'unknown option --verbose'],
    [['dev', 'prod'], 'one environment at a time (received dev and prod)'],
    [['dev', '--out-dir'], '--out-dir needs a value'],
  ])('fail on %j', (argv, message) => {
    expect(() => parseValuesArgs(argv)).toThrow(message);
  });
});

describe('npm run values', () => {
  // The command as package.json runs it (less npm), in a real process: for the exit code and streams.
  const run = (args: string[]) =>
    spawnSync(process.execPath, ['-r', path.join(ROOT, 'scripts', 'ts-register.js'), path.join(ROOT, 'scripts', 'values.ts'), ...args], {
      cwd: ROOT,
      encoding: 'utf8',
    });

  // Through the same function, in this process.
  const inProcess = (args: string[]) => {
    let stdout = '';
    let stderr = '';
    const status = runValues(args, {}, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    return { status, stdout, stderr };
  };

  test('package.json runs scripts/values.ts', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts.values).toBe('node -r ./scripts/ts-register.js scripts/values.ts');
  });

  test('prints what it wrote and what to run next', () => {
    const { outputsFile, outDir } = scratch(outputsOf());
    const result = inProcess(['dev', '--outputs-file', outputsFile, '--out-dir', outDir]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Wrote:\n  ${path.join(outDir, 'values-openmetadata.yaml')}`);
    expect(result.stdout).toContain(
      'helm upgrade --install openmetadata open-metadata/openmetadata --version 1.13.1 --namespace openmetadata',
    );
  });

  test('--help prints the usage and exits 0', () => {
    const result = inProcess(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^usage: npm run values -- <environment>/);
  });

  test('fails when the environment is not one of the configuration', () => {
    const { outputsFile, outDir } = scratch(outputsOf());
    const result = inProcess(['staging', '--outputs-file', outputsFile, '--out-dir', outDir]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      'values: environment: received "staging"; expected one of the environments in environments.yaml: dev, sandbox\n',
    );
    expect(fs.existsSync(outDir)).toBe(false);
  });

  test('fails with one line and exit 2 when --out-dir is below a regular file', () => {
    const { dir, outputsFile } = scratch(outputsOf());
    fs.writeFileSync(path.join(dir, 'blocker'), '');
    const result = inProcess(['dev', '--outputs-file', outputsFile, '--out-dir', path.join(dir, 'blocker', 'helm')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^values: cannot write the files: .*blocker.*: a path component is a file, not a folder \(ENOTDIR\)\. /);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  test('fails with the message only, exit 1', () => {
    const result = run(['dev', '--outputs-file', path.join(os.tmpdir(), 'missing-outputs.json')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^values: .*missing-outputs\.json: no such file/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

// docs/deployment.md "After deploy" shows the commands for environments.yaml's dev: each must be
// what the values command prints for that stack, with the reader's own -f file put first.
describe("docs/deployment.md's helm commands", () => {
  const { output } = synthConfigFile('environments.yaml').dev;
  const { outputsFile, outDir } = scratch(
    outputsOf({ server_namespace: output.server_namespace.value, ingestion_namespace: output.ingestion_namespace.value }),
  );
  const printed = writeValues({ environment: 'dev', outputsFile, outDir })
    .instructions.filter((l) => l.startsWith('helm upgrade'))
    .map((l) => l.replace(outDir, 'helm/dev'));
  const docs = fs
    .readFileSync(path.join(ROOT, 'docs', 'deployment.md'), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('helm upgrade'))
    .map((l) => l.replace(/ -f my-[a-z-]+\.yaml/, ''));

  test('are the ones the values command prints for dev: chart version, namespaces and files', () => {
    expect(docs).toEqual(printed);
    expect(printed).toHaveLength(2);
  });
});
