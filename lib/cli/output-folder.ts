import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** cdktf 0.21's layout (lib/manifest.js): stacks/<name>/cdk.tf.json, or cdk.tf with --hcl, listed in manifest.json. */
const STACKS = 'stacks';
const MANIFEST = 'manifest.json';
const STACK_FILES = { json: 'cdk.tf.json', hcl: 'cdk.tf' } as const;

/** What was there before a synth, so that a failed one leaves it so and a good one tidies only its own. */
export interface OutputBefore {
  readonly existed: boolean;
  readonly stacksExisted: boolean;
  /** The stacks the previous synth listed in manifest.json. */
  readonly listed: readonly string[];
}

/** The output folder a synth writes (CDKTF_OUTDIR, as the cdktf CLI sets it; empty means unset). */
export class OutputFolder {
  static of(env: NodeJS.ProcessEnv): OutputFolder {
    return new OutputFolder(env.CDKTF_OUTDIR || 'cdktf.out');
  }

  constructor(readonly path: string) {}

  /** Where stack `name` is synthesized. */
  stackFolder(name: string): string {
    return path.join(this.path, STACKS, name);
  }

  /** The folder and the stacks of the previous synth, read before cdktf's App creates anything. */
  before(): OutputBefore {
    const existed = fs.existsSync(this.path);
    return { existed, stacksExisted: existed && fs.existsSync(path.join(this.path, STACKS)), listed: this.listedStacks() };
  }

  /** A failed synth: removes what creating cdktf's App made (the folder, or its empty stacks folder). */
  undo(before: OutputBefore): void {
    if (!before.existed) fs.rmSync(this.path, { recursive: true, force: true });
    else if (!before.stacksExisted) fs.rmSync(path.join(this.path, STACKS), { recursive: true, force: true });
  }

  /**
   * A good synth: removes the folders of stacks the previous synth wrote and this one did not (an
   * environment that is gone; folders nobody listed stay), and in each stack folder written the
   * other format's file, which `terraform init` would read beside this one (duplicate blocks).
   */
  tidy(before: OutputBefore, written: readonly string[], hcl: boolean): void {
    for (const name of before.listed) if (!written.includes(name)) fs.rmSync(this.stackFolder(name), { recursive: true, force: true });
    for (const name of written) fs.rmSync(path.join(this.stackFolder(name), hcl ? STACK_FILES.json : STACK_FILES.hcl), { force: true });
  }

  /** A folder of its own for a run that writes nothing (`npm run check`): cdktf's App still creates one. */
  static scratch(): OutputFolder {
    return new OutputFolder(fs.mkdtempSync(path.join(os.tmpdir(), 'omkv-check-')));
  }

  private listedStacks(): string[] {
    try {
      const stacks = JSON.parse(fs.readFileSync(path.join(this.path, MANIFEST), 'utf8')).stacks;
      // A stack name is an environment name (a folder name, never a path): anything else is not ours.
      return stacks !== null && typeof stacks === 'object' ? Object.keys(stacks).filter((n) => /^[a-z0-9-]+$/.test(n)) : [];
    } catch {
      return [];
    }
  }
}
