import { Construct } from 'constructs';
import { AppendedBlock } from './appended-block';

/**
 * A Terraform `removed` block with `destroy = false` (Terraform 1.7, internal/configs/removed.go):
 * the object in state at `from` leaves Terraform's management and stays where it is. Terraform
 * ignores the block when nothing is in state at `from`, so it is safe in every configuration.
 */
export class RemovedBlock extends AppendedBlock {
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

  /**
   * The block in HCL. `from` is an address cdktf allocated (letters, digits, `_`, `-` and the one
   * `.`), never config text, so it is written as it is.
   */
  toHcl(): string {
    return `removed {\n  from = ${AppendedBlock.plainAddress(this.from, 'RemovedBlock')}\n  lifecycle {\n    destroy = false\n  }\n}`;
  }
}
