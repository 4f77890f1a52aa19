import * as fs from 'fs';
import * as path from 'path';

/**
 * `npm run values -- <env>`: turns a deployed stack's outputs (the JSON `cdktf output
 * --outputs-file` writes) into the files Helm and ingestion take, and says what to run next.
 */

/** A problem with the command's input: reported as a message, exit code 1, nothing written. */
export class ValuesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValuesError';
  }
}

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

const REQUIRED = [
  'helm_values_openmetadata',
  'helm_values_dependencies',
  'workflow_config_airflow',
  'workflow_config_cli',
  'server_namespace',
  'ingestion_namespace',
] as const;

/** File name for each output, in the order they are written. */
const FILES: Record<string, string> = {
  helm_values_openmetadata: 'values-openmetadata.yaml',
  helm_values_dependencies: 'values-dependencies.yaml',
  workflow_config_airflow: 'workflow-config-airflow.yaml',
  workflow_config_cli: 'workflow-config-cli.yaml',
  kubernetes_service_accounts_manifest: 'kubernetes-service-accounts.yaml',
  kubernetes_secrets_manifest: 'kubernetes-secrets.yaml',
};

/** Readable by the owner only: the Secret manifest, and the server values (with Kubernetes Jobs they carry the client secret). */
const SENSITIVE_FILES = new Set(['kubernetes_secrets_manifest', 'helm_values_openmetadata']);

/**
 * What to do when the server cannot write a secret whose name it deleted before: it soft-deletes
 * and never recovers (AzureKVSecretsManager: beginDeleteSecret only), and purge protection keeps a
 * deleted name taken until the retention ends, so Key Vault answers 409 Conflict.
 */
export function softDeleteRunbook(vaultName: string, head: string): string[] {
  return [
    `# if OpenMetadata fails to save a service or secret whose name it deleted before (Key Vault 409 Conflict): the old secret is soft-deleted and,`,
    `# with purge protection, keeps its name until retention ends. Someone with Key Vault Secrets Officer on ${vaultName} recovers it, then retry:`,
    `az keyvault secret list-deleted --vault-name ${vaultName} --query "[?starts_with(name, '${head}-')].{name:name, deleted:deletedDate}" -o table`,
    `az keyvault secret recover --vault-name ${vaultName} --name <name from the list>`,
  ];
}

/** The outputs of one environment, checked to be what this stack writes. */
export function readStackOutputs(outputsFile: string, environment: string): Record<string, unknown> {
  const rerun = `npx cdktf output ${environment} --outputs-file ${outputsFile} --outputs-file-include-sensitive-outputs`;
  let text: string;
  try {
    text = fs.readFileSync(outputsFile, 'utf8');
  } catch {
    throw new ValuesError(`${outputsFile}: no such file; expected the outputs of the deployed stack. Write it with:\n  ${rerun}`);
  }
  let all: unknown;
  try {
    all = JSON.parse(text);
  } catch {
    throw new ValuesError(`${outputsFile}: not JSON; expected the file cdktf output --outputs-file writes`);
  }
  if (all === null || typeof all !== 'object' || Array.isArray(all)) {
    throw new ValuesError(`${outputsFile}: expected a JSON object of stacks`);
  }
  const stacks = Object.keys(all);
  const outputs = (all as Record<string, unknown>)[environment];
  if (outputs === null || typeof outputs !== 'object') {
    throw new ValuesError(
      `${outputsFile}: no outputs for environment ${JSON.stringify(environment)}; found ${stacks.length ? stacks.join(', ') : 'none'}. Write them with:\n  ${rerun}`,
    );
  }
  const missing = REQUIRED.filter((k) => typeof (outputs as Record<string, unknown>)[k] !== 'string');
  if (missing.length > 0) {
    throw new ValuesError(
      `${outputsFile}: environment ${environment} lacks the outputs ${missing.join(', ')}; expected a stack deployed by this version (run npx cdktf deploy ${environment}, then ${rerun})`,
    );
  }
  return outputs as Record<string, unknown>;
}

/** Writes the files and returns what to run next. Nothing is written when the outputs are unusable. */
export function writeValues(options: ValuesOptions): ValuesResult {
  const outputs = readStackOutputs(options.outputsFile, options.environment);
  const serverNs = outputs.server_namespace as string;
  const ingestionNs = outputs.ingestion_namespace as string;
  const secretsLeftOut = 'kubernetes_secrets_manifest' in outputs && typeof outputs.kubernetes_secrets_manifest !== 'string';

  fs.mkdirSync(options.outDir, { recursive: true });
  const files: string[] = [];
  const fileOf = (output: string) => path.join(options.outDir, FILES[output]);
  for (const output of Object.keys(FILES)) {
    const value = outputs[output];
    if (typeof value !== 'string') continue;
    // Manifests holding client secrets are readable by the owner only.
    fs.writeFileSync(fileOf(output), value, { mode: SENSITIVE_FILES.has(output) ? 0o600 : 0o644 });
    files.push(fileOf(output));
  }

  const lines: string[] = [];
  if (files.includes(fileOf('kubernetes_service_accounts_manifest')) || files.includes(fileOf('kubernetes_secrets_manifest'))) {
    lines.push('# kubernetes.manage is false: apply the objects the charts reference (or commit them to your GitOps repository)');
    for (const output of ['kubernetes_service_accounts_manifest', 'kubernetes_secrets_manifest']) {
      if (files.includes(fileOf(output))) lines.push(`kubectl apply -f ${fileOf(output)}`);
    }
  }
  if (secretsLeftOut) {
    lines.push('# the Secret manifest is sensitive and missing from the outputs file: rerun cdktf output with --outputs-file-include-sensitive-outputs');
  }
  lines.push(
    '# Airflow first, then OpenMetadata; put your own -f files before these (Helm replaces lists such as extraEnvs, it does not merge them)',
    'helm repo add open-metadata https://helm.open-metadata.org/',
    `helm upgrade --install openmetadata-dependencies open-metadata/openmetadata-dependencies --namespace ${ingestionNs} -f ${fileOf('helm_values_dependencies')}`,
    `helm upgrade --install openmetadata open-metadata/openmetadata --namespace ${serverNs} -f ${fileOf('helm_values_openmetadata')}`,
  );
  const head = outputs.secret_name_head;
  if (outputs.secrets_manager === 'azure-kv') {
    lines.push('# azure-kv: the server keeps its secrets in its database; put the secrets your ingestion reads into the vault yourself and reference them as secret:<name>');
  } else {
    lines.push(
      '# once, when an existing installation starts using the vault: move the secrets from the database into it',
      `kubectl --namespace ${serverNs} exec deploy/openmetadata -- ./bootstrap/openmetadata-ops.sh migrate-secrets`,
    );
    if (typeof head === 'string' && typeof outputs.key_vault_name === 'string') lines.push(...softDeleteRunbook(outputs.key_vault_name, head));
  }
  lines.push(
    `# ingestion YAML files: merge ${fileOf('workflow_config_airflow')} (your Airflow) or ${fileOf('workflow_config_cli')} (metadata CLI, with the cli_env variables)`,
  );
  return { files, instructions: lines };
}

/** Parses `<env> [--outputs-file F] [--out-dir D]`. */
export function parseValuesArgs(argv: readonly string[]): ValuesOptions {
  const usage = 'usage: npm run values -- <environment> [--outputs-file outputs.json] [--out-dir helm/<environment>]';
  let environment: string | undefined;
  let outputsFile = 'outputs.json';
  let outDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--outputs-file' || arg === '--out-dir') {
      const value = argv[++i];
      if (value === undefined || value.startsWith('--')) throw new ValuesError(`${arg} needs a value; ${usage}`);
      if (arg === '--outputs-file') outputsFile = value;
      else outDir = value;
    } else if (arg.startsWith('--')) {
      throw new ValuesError(`unknown option ${arg}; ${usage}`);
    } else if (environment === undefined) {
      environment = arg;
    } else {
      throw new ValuesError(`one environment at a time (received ${environment} and ${arg}); ${usage}`);
    }
  }
  if (environment === undefined) throw new ValuesError(`no environment given; ${usage}`);
  return { environment, outputsFile, outDir: outDir ?? path.join('helm', environment) };
}
