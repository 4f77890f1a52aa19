/**
 * Running the real `terraform` against the stand-ins: a working directory per stack holding its
 * synthesized JSON (with a local backend in place of the stack's own, which would need Azure or
 * Terraform Cloud), the environment that attaches the stand-ins, and the commands, run
 * asynchronously: the providers answer from this process, so it must not block while Terraform runs.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { PROVIDERS, type ProviderName } from '../lib/facts/provider-versions';
import { BEHAVIOURS } from './behaviours';
import { type Host, startHost } from './host';
import { importedModules, providerSchema } from './schema/provider-schemas';
import type { ProviderSchema } from './schema/types';
import { World } from './world';

const ROOT = path.join(__dirname, '..');

export { terraformVersion } from './terraform-version';

let schemas: Record<ProviderName, ProviderSchema> | undefined;

/** The schemas of the declared provider versions, for the types the project's code can write. */
function standinSchemas(): Record<ProviderName, ProviderSchema> {
  if (!schemas) {
    const modules = importedModules([path.join(ROOT, 'lib')]);
    schemas = Object.fromEntries((Object.keys(PROVIDERS) as ProviderName[]).map((p) => [p, providerSchema(p, modules[p])])) as Record<
      ProviderName,
      ProviderSchema
    >;
  }
  return schemas;
}

/** Starts the four stand-ins over a world (a new one by default). */
export function startStandins(world = new World()): Promise<Host> {
  return startHost({ schemas: standinSchemas(), behaviours: BEHAVIOURS, world });
}

/** A synthesized stack (cdk.tf.json), as far as the harness reads it. */
export interface StackJson {
  terraform?: unknown;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  provider?: Record<string, Record<string, unknown> | Record<string, unknown>[]>;
  output?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

export interface RunResult {
  command: string;
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The stack as Terraform will read it here: the same JSON without its backend or cloud block, so
 * the state is the implicit local one (terraform.tfstate in the directory). With only builtin and
 * reattached providers and no backend block, Terraform needs no `init` before validate or plan.
 */
export function writeStack(dir: string, stack: StackJson): void {
  const json = structuredClone(stack);
  const { backend: _b, cloud: _c, ...terraform } = (json.terraform ?? {}) as Record<string, unknown>;
  json.terraform = terraform;
  fs.mkdirSync(dir, { recursive: true });
  // cdktf writes cdk.tf.json; any *.tf.json name is read the same.
  fs.writeFileSync(path.join(dir, 'cdk.tf.json'), `${JSON.stringify(json, null, 2)}\n`);
}

/** Runs one terraform command in the directory, with the stand-ins attached. */
export function terraform(host: Host, dir: string, args: string[], extraEnv: Record<string, string> = {}): Promise<RunResult> {
  const env = {
    ...process.env,
    TF_REATTACH_PROVIDERS: host.reattach,
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    CHECKPOINT_DISABLE: '1',
    // No CLI configuration of the user's (plugin caches, credentials) takes part.
    TF_CLI_CONFIG_FILE: '/dev/null',
    ...extraEnv,
  };
  return new Promise((resolve) => {
    execFile('terraform', [...args, '-no-color'], { cwd: dir, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ command: `terraform ${args.join(' ')}`, code, stdout, stderr });
    });
  });
}

/** A plan's summary line, e.g. `Plan: 12 to add, 0 to change, 0 to destroy.`, or `No changes.` */
export function planSummary(output: string): string {
  const m = /Plan: \d+ to (?:import, \d+ to )?add, \d+ to change, \d+ to destroy\.|No changes\./.exec(output);
  return m ? m[0] : '(no plan summary)';
}

/** Terraform's own error blocks of a failed run, without the box drawing. */
export function errorsOf(run: RunResult): string[] {
  const text = `${run.stdout}\n${run.stderr}`;
  return [...text.matchAll(/Error: ([^\n]+)\n((?:(?!\n\n(?:Error|Warning):)[\s\S])*)/g)].map((m) =>
    `${m[1]}\n${m[2]}`
      .split('\n')
      .map((l) => l.replace(/^[│╷╵]\s?/, '').trimEnd())
      .filter((l) => l !== '')
      .join('\n'),
  );
}
