/**
 * What the synthesized stacks ask of Terraform and of the azurerm provider's configuration, as
 * data: the stack emits it, docs/deployment.md states it, tests pin it against the upstream sources.
 */

/**
 * The Terraform release that introduced each language feature a stack may use. Checked in
 * hashicorp/terraform: `plantimestamp` is registered in internal/lang/functions.go from v1.5.0 (not
 * in v1.4.0); the builtin `terraform_data` resource is internal/builtin/providers/terraform/
 * resource_data.go from v1.4.0; `cloud { workspaces { project } }` is read by internal/cloud/
 * backend.go from v1.6.0 (not in v1.5.7); `removed` blocks are internal/configs/removed.go from
 * v1.7.0 (not in v1.6.6); top-level `check` blocks are read by internal/configs/parser_config.go from
 * v1.5.0 (not in v1.4.7), and so are `import` blocks (internal/configs/import.go from v1.5.0, absent
 * in v1.4.7). Postconditions date from 1.2.
 */
export const TERRAFORM_FEATURE_VERSIONS = {
  postconditions: '1.2.0',
  terraformData: '1.4.0',
  plantimestamp: '1.5.0',
  checkBlocks: '1.5.0',
  importBlocks: '1.5.0',
  cloudWorkspaceProject: '1.6.0',
  removedBlocks: '1.7.0',
} as const;

export type TerraformFeature = keyof typeof TERRAFORM_FEATURE_VERSIONS;

/** Every stack asks for at least this, so one floor holds for all of them and the docs. */
export const TERRAFORM_VERSION_FLOOR = TERRAFORM_FEATURE_VERSIONS.plantimestamp;

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}

/** `required_version` for a stack using these features: the newest release among them and the floor. */
export function requiredTerraformVersion(features: readonly TerraformFeature[]): string {
  const versions = [TERRAFORM_VERSION_FLOOR, ...features.map((f) => TERRAFORM_FEATURE_VERSIONS[f])];
  return `>= ${versions.sort(compareVersions)[versions.length - 1]}`;
}

/**
 * Azure resource providers (namespaces) behind each kind of resource the stack creates. azurerm 4.x
 * registers its whole `legacy` set at configure time unless `resource_provider_registrations` is
 * `none` (internal/provider/provider.go, v4.81.0), and registering needs subscription-wide
 * `<namespace>/register/action`. Microsoft.Resources and Microsoft.Authorization (resource groups,
 * role assignments, locks) are registered in every subscription; Microsoft.ContainerService is
 * registered wherever the AKS cluster it reads exists.
 */
export const RESOURCE_PROVIDERS = {
  keyVault: 'Microsoft.KeyVault',
  managedIdentity: 'Microsoft.ManagedIdentity',
  privateEndpoint: 'Microsoft.Network',
  /**
   * Azure Monitor (diagnostic settings), spelled as the Azure API lists it and azurerm keeps it:
   * `microsoft.insights` (internal/resourceproviders/required.go, v4.81.0). azurerm looks a name up
   * exactly in what the API listed (requiring_registration.go: a map lookup; a name it cannot find
   * is only logged), so `Microsoft.Insights` would silently never be registered.
   */
  diagnostics: 'microsoft.insights',
} as const;
