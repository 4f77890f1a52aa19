/**
 * `npm run check -- --terraform`: each synthesized stack through the real terraform (validate,
 * plan) against the stand-in providers, before any Azure credential exists. What it proves and
 * what it cannot is printed with the result, so nobody takes it for a real plan.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EXIT_ENVIRONMENT_FAULT } from '../lib/facts/errors';
import { furnish } from './fixtures';
import { errorsOf, planSummary, type StackJson, startStandins, terraform, terraformVersion, writeStack } from './terraform';
import { World } from './world';

export interface CheckOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

const PROVES =
  'Proved for each stack: Terraform accepts it against the schemas of the provider versions it declares (argument names, types, ' +
  'required arguments, deprecations, allowed values, references, no cycle), and its plan-time guards pass against a healthy ' +
  'Azure. Not proved: that your vault, cluster or network exist and are as the stack ' +
  'expects (the data sources read stand-in fixtures, not your subscription), your permissions, Azure Policy, quotas, or names ' +
  'already taken. Only a plan against Azure (cdktf diff) shows those.';

/** Validates and plans each stack; returns 0 when every one plans. */
export async function checkWithTerraform(stacks: Record<string, StackJson>, out: CheckOutput): Promise<number> {
  const version = terraformVersion();
  if (!version) {
    out.stderr(
      '--terraform: no terraform on the PATH; expected Terraform 1.5 or later (https://developer.hashicorp.com/terraform/install).\n',
    );
    return EXIT_ENVIRONMENT_FAULT;
  }
  const results = await Promise.all(
    Object.entries(stacks).map(async ([name, json]) => {
      const world = new World();
      furnish(world, [json]);
      const host = await startStandins(world);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-check-tf-'));
      try {
        writeStack(dir, json);
        for (const args of [['init', '-input=false'], ['validate'], ['plan', '-input=false']]) {
          const run = await terraform(host, dir, args);
          if (run.code !== 0) return { name, ok: false, text: `${run.command} failed:\n${errorsOf(run).join('\n\n')}` };
          if (args[0] === 'plan') return { name, ok: true, text: planSummary(run.stdout) };
        }
        return { name, ok: false, text: 'no plan' };
      } finally {
        await host.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }),
  );
  for (const r of results) (r.ok ? out.stdout : out.stderr)(`Terraform ${version} with stand-in providers, ${r.name}: ${r.text}\n`);
  out.stdout(`${PROVES}\n`);
  return results.every((r) => r.ok) ? 0 : 1;
}
