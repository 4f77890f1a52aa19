// `npm run check`: validate the configuration and run the policy checks, write nothing. See lib/cli/synth-command.ts.
// `npm run check -- --terraform` then plans each stack with the real terraform and the stand-in
// providers (standin/README.md), offline. `npm run check -- --format sarif` prints the findings as
// SARIF 2.1.0 instead, each at the configuration line behind it (lib/cli/sarif-log.ts).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCheck, runSynth } from '../lib/cli/synth-command';
import { CommandInputError, reportOrRethrow } from '../lib/facts/errors';

const out = { stdout: (text: string) => process.stdout.write(text), stderr: (text: string) => process.stderr.write(text) };

async function main(args: string[]): Promise<number> {
  try {
    return await check(args);
  } catch (e) {
    // Reported as synth, values and adopt report theirs (lib/facts/errors.ts); a bug keeps its stack trace.
    return reportOrRethrow(
      e,
      {
        inputPrefix: 'npm run check: ',
        faultPath: os.tmpdir(),
        // --terraform writes the stacks to a scratch folder (TMPDIR), where terraform runs too.
        fault: (fault) => `npm run check: ${fault}. Check the folder and the disk; the configuration is fine.`,
      },
      out.stderr,
    );
  }
}

async function check(args: string[]): Promise<number> {
  const sarif = args[0] === '--format' && args[1] === 'sarif' && args.length === 2;
  const unknown = sarif ? [] : args.filter((a) => a !== '--terraform');
  if (unknown.length > 0) {
    throw new CommandInputError(
      `received ${unknown.map((a) => JSON.stringify(a)).join(', ')}; expected no argument, --terraform, or --format sarif`,
    );
  }
  if (sarif) return runCheck(process.env, out, 'sarif');
  const code = runCheck(process.env, out);
  if (code !== 0 || !args.includes('--terraform')) return code;
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-check-'));
  try {
    const quiet = { stdout: () => {}, stderr: out.stderr };
    const synth = runSynth({ ...process.env, CDKTF_OUTDIR: outdir }, quiet);
    if (synth !== 0) return synth;
    const stacksDir = path.join(outdir, 'stacks');
    const stacks = Object.fromEntries(
      fs.readdirSync(stacksDir).map((name) => [name, JSON.parse(fs.readFileSync(path.join(stacksDir, name, 'cdk.tf.json'), 'utf8'))]),
    );
    // Loaded only here: the stand-ins need the devDependencies (gRPC, MessagePack), and a plain check
    // should not pay for loading them.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { checkWithTerraform } = require('../standin/check') as typeof import('../standin/check');
    return await checkWithTerraform(stacks, out);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).then((code) => (process.exitCode = code));
