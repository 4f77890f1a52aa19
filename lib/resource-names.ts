/**
 * Names the stack gives to what it creates, derived from the environment. One place, so the
 * stack and the collision checks of the configuration can never disagree about a name.
 */

export type PrincipalRole = 'server' | 'ingestion';

/** User-assigned managed identity: `id-<clusterName>-<env>-<role>` unless the config names it. */
export function identityName(given: string | undefined, clusterName: string, environment: string, role: PrincipalRole): string {
  return given ?? `id-${clusterName}-${environment}-${role}`;
}

/** App registration display name: `<clusterName>-<env>-<role>` unless the config names it. */
export function applicationName(given: string | undefined, clusterName: string, environment: string, role: PrincipalRole): string {
  return given ?? `${clusterName}-${environment}-${role}`;
}

/** Local state file, relative to the project root. */
export function localStatePath(given: string | undefined, environment: string): string {
  return given ?? `terraform.${environment}.tfstate`;
}

/** Blob key of the azurerm backend. */
export function azurermStateKey(given: string | undefined, environment: string): string {
  return given ?? `openmetadata/${environment}.tfstate`;
}

export const DEFAULT_TFC_HOSTNAME = 'app.terraform.io';
