import * as fs from 'fs';
import { App } from 'cdktf';
import { ConfigError, configFilePath, loadConfigFile } from './load-config';
import { ValidationError } from './naming-rules';
import { OpenMetadataKeyVaultStack } from './openmetadata-keyvault-stack';
import { formatReport } from './policy/policy-checks';

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
export function runSynth(env: NodeJS.ProcessEnv, out: CommandOutput): number {
  try {
    const config = loadConfigFile(configFilePath(env));
    const outdir = env.CDKTF_OUTDIR ?? 'cdktf.out';
    const existed = fs.existsSync(outdir);
    // `new App()` creates the output folder: undone below when nothing gets synthesized.
    // Stack traces in construct metadata cost time at every synth and never reach the output.
    const app = new App({ outdir, stackTraces: false });
    let synthesized = false;
    try {
      const stacks = Object.entries(config.environments).map(([name, environment]) => new OpenMetadataKeyVaultStack(app, name, { environment }));
      const reports = stacks.map((s) => s.policyReport());
      for (const report of reports) {
        if (report.findings.length > 0) out.stderr(`${formatReport(report)}\n`);
      }
      if (reports.some((r) => r.errors.length > 0)) {
        out.stderr(
          'Policy errors: nothing was synthesized. Fix the configuration as each error says, or suppress a rule for an environment ' +
            'in policy.suppressions with a reason.\n',
        );
        return 1;
      }
      app.synth();
      synthesized = true;
      return 0;
    } finally {
      if (!synthesized && !existed) fs.rmSync(outdir, { recursive: true, force: true });
    }
  } catch (e) {
    if (e instanceof ConfigError || e instanceof ValidationError) {
      // Bad input, not a bug: the message says what to fix, a stack trace would only bury it.
      out.stderr(`Configuration error: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
