import { anyToHclTerraform, anyToTerraform, hashMapper, hashMapperHcl, IResolvable, TerraformResource } from 'cdktf';
import { Construct } from 'constructs';

/** Properties of a scope version. */
export interface ScopeVersionProps {
  /** What the version follows: any change of this value (a map of references) replaces it. */
  readonly triggersReplace: IResolvable | Readonly<Record<string, string>>;
}

/**
 * Terraform's builtin `terraform_data` with `triggers_replace`: an ID that changes whenever what it
 * follows changes. Written here rather than with cdktf's DataResource, which makes every synth run
 * `terraform version` (a validation) and fails where no terraform binary is installed; the stack's
 * `required_version` (>= 1.5) already covers terraform_data (1.4).
 */
export class ScopeVersion extends TerraformResource {
  static readonly tfResourceType = 'terraform_data';
  private readonly triggers: ScopeVersionProps['triggersReplace'];

  constructor(scope: Construct, id: string, props: ScopeVersionProps) {
    super(scope, id, { terraformResourceType: ScopeVersion.tfResourceType, terraformGeneratorMetadata: { providerName: 'terraform' } });
    this.triggers = props.triggersReplace;
  }

  /** Changes (becomes unknown at plan) whenever `triggersReplace` does. */
  get id(): string {
    return this.getStringAttribute('id');
  }

  // The same mappers cdktf's own DataResource uses for triggers_replace.
  protected synthesizeAttributes(): Record<string, unknown> {
    return { triggers_replace: hashMapper(anyToTerraform)(this.triggers) };
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    return { triggers_replace: hashMapperHcl(anyToHclTerraform)(this.triggers) };
  }
}
