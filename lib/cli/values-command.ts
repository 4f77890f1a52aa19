import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { CommandInputError, reportOrRethrow } from '../facts/errors';
import { quoted } from '../facts/message-text';
import { environmentName } from '../facts/naming-rules';
import { OPENMETADATA_CHART_DATA_HOSTS, OPENMETADATA_CHARTS } from '../facts/openmetadata-charts';
import { OutputName, outputSpecs } from '../facts/stack-outputs';
import { serviceHost } from '../openmetadata/service-endpoints';
import { configuredEnvironment } from './configured-environment';

/**
 * `npm run values -- <env>`: turns a deployed stack's outputs (the JSON `cdktf output
 * --outputs-file` writes) into the files Helm and ingestion take, and says what to run next.
 */

export interface ValuesOptions {
  /** The environment (stack) whose outputs to use. */
  readonly environment: string;
  /** The outputs file. */
  readonly outputsFile: string;
  /** Where to write the files. */
  readonly outDir: string;
}

export interface ValuesResult {
  /** The files written, relative paths as given. */
  readonly files: readonly string[];
  /** The commands to run next, with comments, ready to print. */
  readonly instructions: readonly string[];
}

/**
 * The outputs the command needs, from the stack's output catalogue: those it writes to files, then
 * those it prints (the order of its messages).
 */
const REQUIRED = [
  ...outputSpecs().filter(([, spec]) => spec.requiredByValues && spec.file),
  ...outputSpecs().filter(([, spec]) => spec.requiredByValues && !spec.file),
].map(([name]) => name);
/** The file each output goes to. */
const FILES: Partial<Record<OutputName, string>> = Object.fromEntries(
  outputSpecs().flatMap(([name, spec]) => (spec.file ? [[name, spec.file.name]] : [])),
);
const FILE_OUTPUTS = Object.keys(FILES) as OutputName[];
/** Readable by the owner only: the Secret manifest, and the server values (with Kubernetes Jobs they carry the client secret). */
const SENSITIVE_FILES = new Set<OutputName>(outputSpecs().flatMap(([name, spec]) => (spec.file?.private ? [name] : [])));

/**
 * What to do when the server cannot write a secret whose name it deleted before: it soft-deletes
 * and never recovers (AzureKVSecretsManager: beginDeleteSecret only), and purge protection keeps a
 * deleted name taken until the retention ends, so Key Vault answers 409 Conflict.
 */
export function softDeleteRunbook(vaultName: string, head: string): string[] {
  return [
    `# if OpenMetadata fails to save a service or secret whose name it deleted before (Key Vault 409 Conflict): the old secret is soft-deleted and,`,
    `# with purge protection, keeps its name until retention ends. Someone with Key Vault Secrets Officer on ${vaultName} recovers it, then retry:`,
    // Every value shell-quoted; the prefix is a JMESPath JSON literal, so no name can end the query.
    `az keyvault secret list-deleted --vault-name ${shellQuote(vaultName)} --query ${shellQuote(`[?starts_with(name, \`${JSON.stringify(`${head}-`)}\`)].{name:name, deleted:deletedDate}`)} -o table`,
    `az keyvault secret recover --vault-name ${shellQuote(vaultName)} --name <name from the list>`,
  ];
}

/** An outputs file is a few kilobytes; anything near this is not one. */
export const MAX_OUTPUTS_BYTES = 8 * 1024 * 1024;

/** What a JSON value is, in words, for messages. */
function kindOf(value: unknown): string {
  if (value === undefined) return 'nothing (missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'a mapping' : `a ${typeof value}`;
}

/** Quoted for a POSIX shell when it holds anything but plain path and name characters. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`;
}

/**
 * One environment's outputs, by the names of the stack's output catalogue (lib/facts/stack-outputs.ts):
 * reading one the catalogue does not have fails to compile.
 */
type StackOutputs = Partial<Record<OutputName, unknown>>;

/** The outputs of one environment, checked to be what this stack writes. */
function readStackOutputs(outputsFile: string, environment: string): StackOutputs {
  const rerun = `npx cdktf output ${shellQuote(environment)} --outputs-file ${shellQuote(outputsFile)} --outputs-file-include-sensitive-outputs`;
  let text: string;
  try {
    const stat = fs.statSync(outputsFile);
    if (!stat.isFile())
      throw new CommandInputError(`${outputsFile}: not a regular file; expected the JSON file cdktf output --outputs-file writes`);
    if (stat.size > MAX_OUTPUTS_BYTES) {
      throw new CommandInputError(
        `${outputsFile}: it is ${stat.size} bytes; expected the outputs of one deployment, at most ${MAX_OUTPUTS_BYTES} bytes (a stack's are a few kilobytes)`,
      );
    }
    text = fs.readFileSync(outputsFile, 'utf8');
  } catch (e) {
    if (e instanceof CommandInputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new CommandInputError(`${outputsFile}: no such file; expected the outputs of the deployed stack. Write it with:\n  ${rerun}`);
    throw new CommandInputError(`${outputsFile}: cannot be read (${code ?? 'unknown error'}); expected the outputs of the deployed stack`);
  }
  let all: unknown;
  try {
    all = JSON.parse(text);
  } catch {
    throw new CommandInputError(`${outputsFile}: not JSON; expected the file cdktf output --outputs-file writes`);
  }
  if (all === null || typeof all !== 'object' || Array.isArray(all)) {
    throw new CommandInputError(`${outputsFile}: expected a JSON object of stacks`);
  }
  const stacks = Object.keys(all);
  const outputs = Object.prototype.hasOwnProperty.call(all, environment) ? (all as Record<string, unknown>)[environment] : undefined;
  if (outputs === null || typeof outputs !== 'object') {
    throw new CommandInputError(
      `${outputsFile}: no outputs for environment ${quoted(environment)}; found ${stacks.length ? stacks.join(', ') : 'none'}. Write them with:\n  ${rerun}`,
    );
  }
  // By catalogue name where the code names one; by any name where the file does (sensitive_outputs).
  const present = outputs as StackOutputs;
  const anyNamed = outputs as Record<string, unknown>;
  const deployedByThis = `expected a stack deployed by this version (run npx cdktf deploy ${shellQuote(environment)}, then ${rerun})`;
  // cdktf output leaves sensitive outputs out unless asked for them: the stack lists which it has,
  // and without that list nothing tells a left-out output from one the stack does not have.
  const listed = present.sensitive_outputs;
  if (!Array.isArray(listed) || !listed.every((o) => typeof o === 'string')) {
    throw new CommandInputError(
      `${outputsFile}: environment ${environment}: sensitive_outputs: received ${kindOf(listed)}; expected the list of output names the stack writes there; ${deployedByThis}`,
    );
  }
  const leftOut = (listed as string[]).filter((k) => anyNamed[k] === undefined || anyNamed[k] === null);
  if (leftOut.length > 0) {
    throw new CommandInputError(
      `${outputsFile}: environment ${environment} lacks its sensitive outputs ${leftOut.join(', ')} (cdktf output leaves them out without --outputs-file-include-sensitive-outputs); nothing was written. Write them with:\n  ${rerun}`,
    );
  }
  const missing = REQUIRED.filter((k) => present[k] === undefined || present[k] === null);
  if (missing.length > 0) {
    throw new CommandInputError(`${outputsFile}: environment ${environment} lacks the outputs ${missing.join(', ')}; ${deployedByThis}`);
  }
  const wrong = [...new Set([...REQUIRED, ...FILE_OUTPUTS])].filter(
    (k) => present[k] !== undefined && present[k] !== null && typeof present[k] !== 'string',
  );
  if (wrong.length > 0) {
    throw new CommandInputError(
      `${outputsFile}: environment ${environment}: ${wrong.map((k) => `${k}: received ${kindOf(present[k])}`).join('; ')}; expected text (the stack writes each as a string)`,
    );
  }
  return present;
}

/** One file to write: where, what, and whether only its owner may read it. */
interface PlannedFile {
  readonly output: OutputName;
  readonly file: string;
  readonly content: string;
  readonly secret: boolean;
}

/**
 * Writes one file through a fresh temporary file (created exclusively, mode 0600 for secrets) and a
 * rename: a reader sees the old file or the new one, and a symbolic link at the target is replaced,
 * never followed.
 */
function writeFileAtomically(file: string, content: string, mode: number): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    fs.writeFileSync(temp, content, { mode, flag: 'wx' });
    fs.chmodSync(temp, mode);
    fs.renameSync(temp, file);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw e;
  }
}

/** Writes the files and returns what to run next. Nothing is written when the input or a target is unusable. */
export function writeValues(options: ValuesOptions): ValuesResult {
  const outputs = readStackOutputs(options.outputsFile, options.environment);
  const serverNs = shellQuote(outputs.server_namespace as string);
  const ingestionNs = shellQuote(outputs.ingestion_namespace as string);
  const secretsLeftOut = 'kubernetes_secrets_manifest' in outputs && typeof outputs.kubernetes_secrets_manifest !== 'string';

  const fileOf = (output: OutputName) => path.join(options.outDir, FILES[output] as string);
  const planned: PlannedFile[] = FILE_OUTPUTS.filter((output) => typeof outputs[output] === 'string').map((output) => ({
    output,
    file: fileOf(output),
    content: outputs[output] as string,
    secret: SENSITIVE_FILES.has(output),
  }));

  // Every target is checked before anything is written.
  const outDirStat = fs.lstatSync(options.outDir, { throwIfNoEntry: false });
  if (outDirStat && !outDirStat.isDirectory()) {
    throw new CommandInputError(
      `${options.outDir}: not a folder (${outDirStat.isSymbolicLink() ? 'a symbolic link' : 'a file'}); expected the folder to write the values files into (--out-dir)`,
    );
  }
  const replaced: string[] = [];
  for (const p of planned) {
    const stat = fs.lstatSync(p.file, { throwIfNoEntry: false });
    if (stat?.isDirectory())
      throw new CommandInputError(`${p.file}: a folder is in the way; expected a file name to write (nothing was written)`);
    if (stat) replaced.push(p.file);
  }

  fs.mkdirSync(options.outDir, { recursive: true });
  for (const p of planned) writeFileAtomically(p.file, p.content, p.secret ? 0o600 : 0o644);
  const files = planned.map((p) => p.file);
  const q = (output: OutputName) => shellQuote(fileOf(output));

  const lines: string[] = replaced.map((f) => `# replaced ${f} (it existed)`);
  if (files.includes(fileOf('kubernetes_service_accounts_manifest')) || files.includes(fileOf('kubernetes_secrets_manifest'))) {
    lines.push('# kubernetes.manage is false: apply the objects the charts reference (or commit them to your GitOps repository)');
    for (const output of ['kubernetes_service_accounts_manifest', 'kubernetes_secrets_manifest'] as const) {
      if (files.includes(fileOf(output))) lines.push(`kubectl apply -f ${q(output)}`);
    }
  }
  if (secretsLeftOut) {
    lines.push(
      '# the Secret manifest is sensitive and missing from the outputs file: rerun cdktf output with --outputs-file-include-sensitive-outputs',
    );
  }
  const { repositoryName, repositoryUrl, version, releases } = OPENMETADATA_CHARTS;
  lines.push(
    '# Airflow first, then OpenMetadata; put your own -f files before these (Helm replaces lists such as extraEnvs, it does not merge them)',
    `helm repo add ${repositoryName} ${repositoryUrl}`,
    `helm upgrade --install ${releases.dependencies} ${repositoryName}/openmetadata-dependencies --version ${version} --namespace ${ingestionNs} -f ${q('helm_values_dependencies')}`,
    `helm upgrade --install ${releases.server} ${repositoryName}/openmetadata --version ${version} --namespace ${serverNs} -f ${q('helm_values_openmetadata')}`,
  );
  if (ingestionNs !== serverNs) {
    lines.push(
      `# the dependencies chart's MySQL and OpenSearch run in ${ingestionNs}, not beside the server: in your own -f file for the server, set openmetadata.config.database.host to ${serviceHost(OPENMETADATA_CHART_DATA_HOSTS.database, outputs.ingestion_namespace as string)} and openmetadata.config.elasticsearch.host to ${serviceHost(OPENMETADATA_CHART_DATA_HOSTS.search, outputs.ingestion_namespace as string)} (or to your managed services)`,
    );
  }
  const head = outputs.secret_name_head;
  if (outputs.secrets_manager === 'azure-kv') {
    lines.push(
      '# azure-kv: the server keeps its secrets in its database; put the secrets your ingestion reads into the vault yourself and reference them as secret:<name>',
    );
  } else {
    lines.push(
      '# once, when an existing installation starts using the vault: move the secrets from the database into it',
      `kubectl --namespace ${serverNs} exec deploy/openmetadata -- ./bootstrap/openmetadata-ops.sh migrate-secrets`,
    );
    if (typeof head === 'string' && typeof outputs.key_vault_name === 'string')
      lines.push(...softDeleteRunbook(outputs.key_vault_name, head));
  }
  lines.push(
    `# ingestion YAML files: merge ${q('workflow_config_airflow')} (your Airflow) or ${q('workflow_config_cli')} (metadata CLI, with the cli_env variables)`,
  );
  return { files, instructions: lines };
}

const VALUES_USAGE = 'usage: npm run values -- <environment> [--outputs-file outputs.json] [--out-dir helm/<environment>]';

/** Parses `<env> [--outputs-file F] [--out-dir D]`; `--help` gives undefined. */
export function parseValuesArgs(argv: readonly string[]): ValuesOptions | undefined {
  const usage = VALUES_USAGE;
  let environment: string | undefined;
  let outputsFile = 'outputs.json';
  let outDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return undefined;
    if (arg === '--outputs-file' || arg === '--out-dir') {
      const value = argv[++i];
      if (value === undefined || value.startsWith('--')) throw new CommandInputError(`${arg} needs a value; ${usage}`);
      if (arg === '--outputs-file') outputsFile = value;
      else outDir = value;
    } else if (arg.startsWith('--')) {
      throw new CommandInputError(`unknown option ${arg}; ${usage}`);
    } else if (environment === undefined) {
      environment = arg;
    } else {
      throw new CommandInputError(`one environment at a time (received ${environment} and ${arg}); ${usage}`);
    }
  }
  if (environment === undefined) throw new CommandInputError(`no environment given; ${usage}`);
  // The name becomes a folder (helm/<env>): only an environment name can, never a path.
  const expected = environmentName(environment);
  if (expected) throw new CommandInputError(`environment: received ${quoted(environment)}; expected ${expected}`);
  return { environment, outputsFile, outDir: outDir ?? path.join('helm', environment) };
}

/** What `npm run values` runs: returns the exit code; messages, never stack traces, for bad input. */
export function runValues(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  out: { stdout(text: string): void; stderr(text: string): void },
): number {
  try {
    const options = parseValuesArgs(argv);
    if (options === undefined) {
      out.stdout(
        `${VALUES_USAGE}\n\nWrites the Helm values and workflowConfig files of a deployed environment from the JSON that\n` +
          '`npx cdktf output <environment> --outputs-file outputs.json --outputs-file-include-sensitive-outputs` wrote,\n' +
          'and prints the commands to run next. The environment must be one in environments.yaml (or OM_AZURE_CONFIG).\n',
      );
      return 0;
    }
    // The environment must be one the configuration defines: the command writes under its name.
    configuredEnvironment(options.environment, env);
    const result = writeValues(options);
    out.stdout(`Wrote:\n${result.files.map((f) => `  ${f}`).join('\n')}\n\nNext:\n${result.instructions.join('\n')}\n`);
    return 0;
  } catch (e) {
    // Bad input: one message. The disk or a folder refused (--out-dir below a file, a link loop, no space): one line, as synth.
    return reportOrRethrow(
      e,
      {
        inputPrefix: 'values: ',
        faultPath: '--out-dir',
        fault: (fault) => `values: cannot write the files: ${fault}. Check --out-dir and the disk; the outputs are fine.`,
      },
      out.stderr,
    );
  }
}
