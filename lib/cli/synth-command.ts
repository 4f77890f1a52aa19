import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { Config } from '../config/config-schema';
import { repairTerraformBlock, synthesizingHcl } from '../stack/hcl-output';
import { ConfigError, configFilePath, loadConfigFile } from '../config/load-config';
import { localStatePath } from '../facts/resource-names';
import { ValidationError } from '../facts/naming-rules';
import { OpenMetadataKeyVaultStack } from '../stack/openmetadata-keyvault-stack';
import { formatReport } from '../policy/policy-checks';

/** Where the command writes what it has to say. */
export interface CommandOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

/**
 * What `cdktf synth` runs (through main.ts): read and validate the config, build one stack per
 * environment, check the policy rules, and only then synthesize. Returns the exit code. Bad input
 * and policy errors print a report, no stack trace, and leave cdktf.out as it was.
 */
export function runSynth(env: NodeJS.ProcessEnv, out: CommandOutput, options: { readonly write?: boolean } = {}): number {
  const outdir = env.CDKTF_OUTDIR ?? 'cdktf.out';
  try {
    const file = configFilePath(env);
    const config = loadConfigFile(file);
    checkStateOutsideOutdir(config, outdir, file);
    const existed = fs.existsSync(outdir);
    // `new App()` creates the output folder: undone below when nothing gets synthesized.
    // Stack traces in construct metadata cost time at every synth and never reach the output.
    const app = new App({ outdir, stackTraces: false });
    let synthesized = false;
    try {
      const stacks = Object.entries(config.environments).map(
        ([name, environment]) =>
          new OpenMetadataKeyVaultStack(app, name, {
            environment,
            projectRootFromStack: projectRootFrom(path.join(outdir, 'stacks', name)),
          }),
      );
      const reports = stacks.map((s) => s.policyReport());
      const failed = reports.some((r) => r.errors.length > 0);
      // Warnings of a synth that succeeds go to stdout: the cdktf CLI labels every line of the app's
      // stderr [ERROR]. A failing report goes to stderr, once.
      const print = (text: string) => (failed ? out.stderr(text) : out.stdout(text));
      for (const report of reports) {
        if (report.findings.length > 0) print(`${formatReport(report)}\n`);
      }
      if (failed) {
        out.stderr(
          'Policy errors: nothing was synthesized. Fix the configuration as each error says, or suppress a rule for an environment ' +
            'in policy.suppressions with a reason.\n',
        );
        return EXIT_BAD_INPUT;
      }
      if (options.write === false) return 0;
      app.synth();
      if (synthesizingHcl()) {
        for (const stack of stacks) {
          const file = path.join(outdir, 'stacks', stack.node.id, 'cdk.tf');
          if (fs.existsSync(file)) fs.writeFileSync(file, repairTerraformBlock(fs.readFileSync(file, 'utf8'), stack.requiredVersion));
        }
      }
      synthesized = true;
      return 0;
    } finally {
      if (!synthesized && !existed) fs.rmSync(outdir, { recursive: true, force: true });
    }
  } catch (e) {
    if (e instanceof ConfigError || e instanceof ValidationError) {
      // Bad input, not a bug: the message says what to fix, a stack trace would only bury it.
      out.stderr(`Configuration error: ${e.message}\n`);
      return EXIT_BAD_INPUT;
    }
    const fault = environmentFault(e, outdir);
    if (fault !== undefined) {
      out.stderr(`${fault}\n`);
      return EXIT_ENVIRONMENT_FAULT;
    }
    throw e;
  }
}

/** Exit codes: bad configuration or policy errors; the machine (disk, permissions) refused. */
export const EXIT_BAD_INPUT = 1;
export const EXIT_ENVIRONMENT_FAULT = 2;

const FILESYSTEM_CAUSES: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENOTDIR: 'a path component is a file, not a folder',
  EEXIST: 'a file is in the way of a folder',
  EISDIR: 'a folder is in the way of a file',
  EMFILE: 'too many open files',
};

/** One line for a filesystem error: the path and the cause. Undefined for anything else (a bug). */
function environmentFault(e: unknown, outdir: string): string | undefined {
  const err = e as NodeJS.ErrnoException;
  const cause = err?.code !== undefined ? FILESYSTEM_CAUSES[err.code] : undefined;
  if (cause === undefined) return undefined;
  return `Cannot write the synthesized stacks: ${err.path ?? outdir}: ${cause} (${err.code}). Check the folder (CDKTF_OUTDIR or --output, now ${outdir}) and the disk; the configuration is fine.`;
}

/** The project root (the working directory cdktf runs in), seen from a stack folder, with forward slashes. */
function projectRootFrom(stackDir: string): string {
  return path.relative(path.resolve(stackDir), process.cwd()).split(path.sep).join('/') || '.';
}

/** A local state file inside the output folder would be overwritten or deleted by the next synth. */
function checkStateOutsideOutdir(config: Config, outdir: string, file: string): void {
  const out = path.resolve(outdir);
  const problems: string[] = [];
  for (const [name, environment] of Object.entries(config.environments)) {
    if (environment.backend.type !== 'local') continue;
    const statePath = localStatePath(environment.backend.path, name);
    const state = path.resolve(statePath);
    if (state === out || state.startsWith(out + path.sep)) {
      problems.push(
        `environments.${name}.backend.path: received ${JSON.stringify(statePath)}; expected a path outside the output folder ${outdir} (synth rewrites it)`,
      );
    }
  }
  if (problems.length > 0) throw new ConfigError(file, problems);
}

/**
 * `npm run check`: validate the configuration and run the policy checks, writing nothing (for
 * pre-commit hooks and CI). Same messages and exit codes as a synth.
 */
export function runCheck(env: NodeJS.ProcessEnv, out: CommandOutput): number {
  const code = runSynth(env, out, { write: false });
  if (code === 0) out.stdout('Configuration and policy checks passed; nothing was written.\n');
  return code;
}
