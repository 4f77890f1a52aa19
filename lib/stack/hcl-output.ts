import { Token } from 'cdktf';

/**
 * `cdktf synth --hcl` writes output values with a "fuzzy" renderer (cdktf 0.21 lib/hcl/render.js,
 * renderFuzzyJsonExpression): a string that starts with `[`, `{` or `"` is copied in as an
 * expression, one that looks like an integer becomes a number, and a backslash is not escaped. So
 * `["app:openmetadata"]` came out as a list. Handed a JSON string literal (which starts with `"`),
 * the renderer copies it as it is, and a JSON string literal is a valid HCL string. Strings holding
 * Terraform references are left alone: the renderer quotes those itself.
 */
export function hclLiterals(value: unknown): unknown {
  // A token (a reference, an encoded list, a lazy value) is resolved by cdktf as it is.
  if (Token.isUnresolved(value)) return value;
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return value.map(hclLiterals);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, hclLiterals(v)]));
  }
  return value;
}

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
