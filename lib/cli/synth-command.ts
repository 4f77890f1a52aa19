import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { Config } from '../config/config-schema';
import { configFilePath, loadConfigFile } from '../config/load-config';
import { ConfigError, EXIT_BAD_INPUT, reportOrRethrow } from '../facts/errors';
import { quoted } from '../facts/message-text';
import { localStatePath } from '../facts/resource-names';
import { formatReport } from '../policy/policy-checks';
import { repairTerraformBlock, synthesizingHcl } from '../stack/hcl-output';
import { OpenMetadataKeyVaultStack } from '../stack/openmetadata-keyvault-stack';
import { accessPage } from './access-page';
import { OutputBefore, OutputFolder } from './output-folder';
import { sarifLog } from './sarif-log';

/** How a check reports its findings: text for people, SARIF 2.1.0 for code scanning. */
export type ReportFormat = 'text' | 'sarif';

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
export function runSynth(
  env: NodeJS.ProcessEnv,
  out: CommandOutput,
  options: { readonly write?: boolean; readonly format?: ReportFormat; readonly accessDiagrams?: boolean } = {},
): number {
  const folder = OutputFolder.of(env);
  const outdir = folder.path;
  const write = options.write !== false;
  try {
    const file = configFilePath(env);
    const config = loadConfigFile(file);
    checkLocalState(config, outdir, file);
    const before = write ? folder.before() : undefined;
    // `new App()` creates the output folder and its stacks folder: a run that writes nothing gets a
    // scratch folder of its own, a failed synth undoes them. Stack traces in construct metadata cost
    // time at every synth and never reach the output.
    const appFolder = write ? folder : OutputFolder.scratch();
    const app = new App({ outdir: appFolder.path, stackTraces: false });
    let synthesized = false;
    try {
      const stacks = Object.entries(config.environments).map(
        ([name, environment]) =>
          new OpenMetadataKeyVaultStack(app, name, {
            environment,
            projectRootFromStack: projectRootFrom(folder.stackFolder(name)),
          }),
      );
      const reports = stacks.map((s) => s.policyReport());
      const failed = reports.some((r) => r.errors.length > 0);
      // Warnings of a synth that succeeds go to stdout: the cdktf CLI labels every line of the app's
      // stderr [ERROR]. A failing report goes to stderr, once.
      const print = (text: string) => (failed ? out.stderr(text) : out.stdout(text));
      if (options.format === 'sarif') {
        // The whole log on stdout, errors or not, for a CI step to upload: `> check.sarif`.
        const uri = path.relative(process.cwd(), file).split(path.sep).join('/');
        out.stdout(`${JSON.stringify(sarifLog(reports, uri, fs.readFileSync(file, 'utf8')), null, 2)}\n`);
      } else {
        // A check says what it checked; a synth stays quiet about environments without findings.
        for (const report of reports) {
          if (report.findings.length > 0 || !write) print(`${formatReport(report)}\n`);
        }
      }
      if (failed) {
        out.stderr(
          `Policy errors: nothing was ${write ? 'synthesized' : 'written'}. Fix the configuration as each error says, or suppress a rule for an environment ` +
            'in policy.suppressions with a reason.\n',
        );
        return EXIT_BAD_INPUT;
      }
      if (!write) return 0;
      app.synth();
      const hcl = synthesizingHcl();
      if (hcl) {
        for (const stack of stacks) {
          const file = path.join(folder.stackFolder(stack.node.id), 'cdk.tf');
          if (fs.existsSync(file)) fs.writeFileSync(file, repairTerraformBlock(fs.readFileSync(file, 'utf8'), stack.requiredVersion));
        }
      }
      folder.tidy(
        before as OutputBefore,
        stacks.map((s) => s.node.id),
        hcl,
      );
      writeAccessPages(folder, stacks, options.accessDiagrams === true);
      synthesized = true;
      return 0;
    } finally {
      if (!write) fs.rmSync(appFolder.path, { recursive: true, force: true });
      else if (!synthesized) folder.undo(before as OutputBefore);
    }
  } catch (e) {
    // Bad input, not a bug: the message says what to fix, a stack trace would only bury it.
    return reportOrRethrow(
      e,
      {
        inputPrefix: 'Configuration error: ',
        faultPath: outdir,
        fault: (fault) =>
          `Cannot write the synthesized stacks: ${fault}. Check the folder (CDKTF_OUTDIR or --output, now ${outdir}) and the disk; the configuration is fine.`,
      },
      out.stderr,
    );
  }
}

/** The file beside each stack that holds its access diagram. */
export const ACCESS_PAGE = 'access.md';

/**
 * Whether the synth writes the access diagrams: `npm run synth -- --access-diagrams`, or
 * OM_ACCESS_DIAGRAMS=1 for `cdktf synth`, which passes the app no arguments.
 */
export function accessDiagramsAsked(argv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  return argv.includes('--access-diagrams') || env.OM_ACCESS_DIAGRAMS === '1';
}

/** Each stack's diagram beside it when asked; otherwise none, so no page of an earlier synth outlives the config it drew. */
function writeAccessPages(folder: OutputFolder, stacks: readonly OpenMetadataKeyVaultStack[], write: boolean): void {
  for (const stack of stacks) {
    const file = path.join(folder.stackFolder(stack.node.id), ACCESS_PAGE);
    if (write) fs.writeFileSync(file, accessPage(`Who can read what: environment \`${stack.node.id}\``, [stack.accessMap]));
    else fs.rmSync(file, { force: true });
  }
}

/** The project root (the working directory cdktf runs in), seen from a stack folder, with forward slashes. */
function projectRootFrom(stackDir: string): string {
  return path.relative(path.resolve(stackDir), process.cwd()).split(path.sep).join('/') || '.';
}

/**
 * Local state files, resolved from the project folder (where cdktf runs): one inside the output
 * folder would be overwritten or deleted by the next synth, and two environments must not share
 * one file, also when their paths reach it differently (`../<project>/x.tfstate`) or differ only in
 * case (one file on macOS and Windows file systems).
 */
function checkLocalState(config: Config, outdir: string, file: string): void {
  const out = path.resolve(outdir);
  const problems: string[] = [];
  const seen = new Map<string, { readonly name: string; readonly statePath: string }>();
  for (const [name, environment] of Object.entries(config.environments)) {
    if (environment.backend.type !== 'local') continue;
    const statePath = localStatePath(environment.backend.path, name);
    const state = path.resolve(statePath);
    const where = `environments.${name}.backend.path: received ${quoted(statePath)}`;
    if (state === out || state.startsWith(out + path.sep)) {
      problems.push(`${where}; expected a path outside the output folder ${outdir} (synth rewrites it)`);
    }
    const earlier = seen.get(state.toLowerCase());
    if (earlier !== undefined) {
      problems.push(
        `${where}; expected a state file that no other environment uses, but environments.${earlier.name} writes ${quoted(earlier.statePath)}, the same file seen from the project folder${state === path.resolve(earlier.statePath) ? '' : ' on a file system that ignores case'}`,
      );
    } else {
      seen.set(state.toLowerCase(), { name, statePath });
    }
  }
  if (problems.length > 0) throw new ConfigError(file, problems);
}

/**
 * `npm run check`: validate the configuration and run the policy checks, writing nothing (for
 * pre-commit hooks and CI). Same messages and exit codes as a synth.
 */
export function runCheck(env: NodeJS.ProcessEnv, out: CommandOutput, format: ReportFormat = 'text'): number {
  const code = runSynth(env, out, { write: false, format });
  if (code === 0 && format === 'text') out.stdout('Configuration and policy checks passed; nothing was written.\n');
  return code;
}
