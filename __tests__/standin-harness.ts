import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { furnish } from '../standin/fixtures';
import type { Host } from '../standin/host';
import {
  errorsOf,
  planSummary,
  type RunResult,
  type StackJson,
  startStandins,
  terraform,
  terraformVersion,
  writeStack,
} from '../standin/terraform';
import { World } from '../standin/world';
import { shippedConfigFiles, synthConfigFile } from './helpers';

/**
 * Terraform against the stand-in providers, for tests: a workspace is a directory and a state of
 * its own over a world that lasts across applies, so a day-2 scenario applies config A, then B.
 * Needs a `terraform` binary: `describeWithTerraform` skips (printing why) where there is none.
 */

const TERRAFORM = terraformVersion();

export function describeWithTerraform(name: string, fn: () => void): void {
  if (!TERRAFORM) {
    console.log(`${name}: skipped, no terraform binary on the PATH`);
    describe.skip(name, fn);
  } else {
    describe(`${name} (terraform ${TERRAFORM})`, fn);
  }
}

/** environments.yaml and every example, as `file: environment` to stack. */
export function everyStack(): [string, StackJson][] {
  const files = shippedConfigFiles();
  return files.flatMap((file) =>
    Object.entries(synthConfigFile(file)).map(([env, json]) => [`${file}: ${env}`, json] as [string, StackJson]),
  );
}

export interface Step {
  run: RunResult;
  summary: string;
  errors: string[];
}

/** An apply's step: its summary is Terraform's `Apply complete!` line, or the plan's when it failed. */
function appliedStep(run: RunResult): Step {
  const applied = /Apply complete! Resources: .*\./.exec(run.stdout);
  return { ...step(run), summary: applied ? applied[0] : planSummary(run.stdout) };
}

function step(run: RunResult): Step {
  return { run, summary: planSummary(run.stdout), errors: run.code === 0 ? [] : errorsOf(run) };
}

/** One Terraform working directory and state, over a host's world. */
export class Workspace {
  private initialized: boolean;

  private constructor(
    readonly host: Host,
    readonly dir: string,
    readonly label: string,
    init: boolean,
  ) {
    this.initialized = !init;
  }

  /**
   * A workspace with its own host and world, furnished for the given stacks. With STANDIN_LOG set
   * to a file, each step appends `label, command, summary` to it (how the closing notes' tables of
   * plan and apply summaries are made). `init` runs `terraform init` before the first command, as a
   * user would; without it Terraform runs on the implicit local backend, which needs none.
   */
  static async create(stacks: readonly StackJson[], world = new World(), label = '', init = false): Promise<Workspace> {
    furnish(world, stacks);
    const host = await startStandins(world);
    return new Workspace(host, fs.mkdtempSync(path.join(os.tmpdir(), 'om-tf-')), label, init);
  }

  private log(result: Step): Step {
    const file = process.env.STANDIN_LOG;
    if (file) fs.appendFileSync(file, `${this.label}\t${result.run.command}\t${result.run.code}\t${result.summary}\n`);
    return result;
  }

  get world(): World {
    return this.host.world;
  }

  async write(stack: StackJson): Promise<void> {
    writeStack(this.dir, stack);
    if (!this.initialized) {
      const init = await terraform(this.host, this.dir, ['init', '-input=false']);
      if (init.code !== 0) throw new Error(`terraform init failed:\n${errorsOf(init).join('\n')}\n${init.stderr}`);
      this.initialized = true;
    }
  }

  async validate(stack: StackJson): Promise<Step> {
    await this.write(stack);
    return this.log(step(await terraform(this.host, this.dir, ['validate'])));
  }

  /** `terraform plan -detailed-exitcode`: code 0 no changes, 2 changes, 1 error. Saved for `applySaved`. */
  async plan(stack: StackJson): Promise<Step> {
    await this.write(stack);
    return this.log(step(await terraform(this.host, this.dir, ['plan', '-input=false', '-detailed-exitcode', '-out=saved.tfplan'])));
  }

  /** Applies the plan the last `plan` saved, as a reviewed plan is applied in CI. */
  async applySaved(): Promise<Step> {
    const run = await terraform(this.host, this.dir, ['apply', '-input=false', 'saved.tfplan']);
    return this.log(appliedStep(run));
  }

  /** `terraform apply -auto-approve` with Terraform's default parallelism (10). */
  async apply(stack: StackJson): Promise<Step> {
    await this.write(stack);
    const run = await terraform(this.host, this.dir, ['apply', '-input=false', '-auto-approve']);
    return this.log(appliedStep(run));
  }

  /** The state file the last apply wrote, parsed. */
  state(): {
    resources: { type: string; name: string; instances: { attributes: Record<string, any> }[] }[];
    outputs: Record<string, { value: unknown; sensitive?: boolean }>;
  } {
    return JSON.parse(fs.readFileSync(path.join(this.dir, 'terraform.tfstate'), 'utf8'));
  }

  /** The outputs the last apply recorded, as the state file holds them (what `terraform output -json` prints). */
  outputs(): Record<string, { value: unknown; sensitive?: boolean }> {
    return this.state().outputs;
  }

  async close(): Promise<void> {
    await this.host.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Tests whose bodies run at once, each in its own workspace: `terraform` waits most of the time, so
 * a file of independent cases takes about as long as its slowest one. Call inside a describe; each
 * case becomes a test of its own that reports its own failure.
 */
export function concurrentTests(): (name: string, run: () => Promise<void>, timeout?: number) => void {
  const cases: [string, () => Promise<void>][] = [];
  const outcome = new Map<string, unknown>();
  beforeAll(async () => {
    await Promise.all(
      cases.map(async ([name, run]) => {
        try {
          await run();
          outcome.set(name, undefined);
        } catch (error) {
          outcome.set(name, error);
        }
      }),
    );
  }, 120_000);
  return (name, run) => {
    cases.push([name, run]);
    test(name, () => {
      if (!outcome.has(name)) throw new Error(`${name}: did not run`);
      const error = outcome.get(name);
      if (error !== undefined) throw error;
    });
  };
}
