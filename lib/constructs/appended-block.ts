import { TerraformElement } from 'cdktf';

/**
 * A top-level block cdktf 0.21's HCL renderer does not know (terraform-stack.js renders a fixed
 * list of kinds and drops the rest, `removed` and `check` among them): it renders nothing there,
 * and the stack appends `toHcl()` after the rest for `synth --hcl`. The JSON comes from
 * `toTerraform()` as for any element.
 */
export abstract class AppendedBlock extends TerraformElement {
  toHclTerraform(): Record<string, unknown> {
    return {};
  }

  /** The block in HCL, written by the block itself. */
  abstract toHcl(): string;

  /**
   * `address` (type.name) as HCL text, refused unless it is one cdktf allocated (letters, digits,
   * `_`, `-` and the one `.`): never config text.
   */
  protected static plainAddress(address: string, who: string): string {
    if (!/^[a-z0-9_]+\.[A-Za-z0-9_-]+$/.test(address))
      throw new Error(`${who}: received address ${JSON.stringify(address)}; expected type.name`);
    return address;
  }
}
