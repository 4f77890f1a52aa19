/** Whether this synth writes HCL (cdktf synth --hcl sets SYNTH_HCL_OUTPUT, as TerraformStack reads it). */
export function synthesizingHcl(): boolean {
  return process.env.SYNTH_HCL_OUTPUT === 'true';
}

/**
 * cdktf 0.21's HCL renderer (renderTerraform) writes attributes of the terraform block other than
 * required_providers, backend and cloud as `<index> = "<name>"` (it passes the key list where the
 * attributes belong). Put `required_version` back as Terraform reads it.
 */
export function repairTerraformBlock(hcl: string, requiredVersion: string): string {
  return hcl.replace(/^(\s*)\d+ = "required_version"$/m, `$1required_version = ${JSON.stringify(requiredVersion)}`);
}
