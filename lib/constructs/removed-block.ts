import { TerraformElement } from 'cdktf';
import { Construct } from 'constructs';

/**
 * A Terraform `removed` block with `destroy = false` (Terraform 1.7, internal/configs/removed.go):
 * the object in state at `from` leaves Terraform's management and stays where it is. Terraform
 * ignores the block when nothing is in state at `from`, so it is safe in every configuration.
 */
export class RemovedBlock extends TerraformElement {
  constructor(
    scope: Construct,
    id: string,
    private readonly from: string,
  ) {
    super(scope, id);
  }

  toTerraform(): Record<string, unknown> {
    return { removed: [{ from: this.from, lifecycle: { destroy: false } }] };
  }

  // cdktf's HCL renderer drops `removed`: the stack appends toHcl() instead.
  toHclTerraform(): Record<string, unknown> {
    return {};
  }

  /**
   * The block in HCL. `from` is an address cdktf allocated (letters, digits, `_`, `-` and the one
   * `.`), never config text, so it is written as it is.
   */
  toHcl(): string {
    if (!/^[a-z0-9_]+\.[A-Za-z0-9_-]+$/.test(this.from))
      throw new Error(`RemovedBlock: received address ${JSON.stringify(this.from)}; expected type.name`);
    return `removed {\n  from = ${this.from}\n  lifecycle {\n    destroy = false\n  }\n}`;
  }
}
