import { TerraformElement, TerraformResource } from 'cdktf';
import { Construct } from 'constructs';

/**
 * A Terraform `moved` block (Terraform 1.1; the stacks require 1.5): the object in state at `from`
 * is now `to`, taken over in place. Terraform ignores the block when nothing is in state at `from`.
 * Written here rather than with cdktf's `moveFromId`, which makes every synth run `terraform
 * version` (a validation; cdktf 0.21 synthesize/synthesizer.js) and fails where no terraform
 * binary is installed.
 */
export class MovedBlock extends TerraformElement {
  constructor(
    scope: Construct,
    id: string,
    private readonly from: string,
    private readonly to: TerraformResource,
  ) {
    super(scope, id);
  }

  private target(): string {
    return `${this.to.terraformResourceType}.${this.to.friendlyUniqueId}`;
  }

  toTerraform(): Record<string, unknown> {
    return { moved: [{ from: this.from, to: this.target() }] };
  }

  // The form cdktf's own resources give their moved blocks for the HCL renderer (references, unquoted).
  toHclTerraform(): Record<string, unknown> {
    const reference = (value: string) => ({ value, isBlock: false, type: 'simple', storageClassType: 'reference' });
    return { moved: [{ to: reference(this.target()), from: reference(this.from) }] };
  }
}
