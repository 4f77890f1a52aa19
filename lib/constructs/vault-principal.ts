import { IConstruct } from 'constructs';

/**
 * Something that can be granted access to a vault: a managed identity or an app registration's
 * service principal. Values may be Terraform tokens, known only after apply.
 */
export interface IVaultPrincipal extends IConstruct {
  /** Application (client) ID that OpenMetadata and Azure SDKs authenticate as. */
  readonly clientId: string;
  /** Object ID of the service principal: what role assignments name. */
  readonly principalId: string;
  /** Entra ID tenant of the principal. */
  readonly tenantId: string;
}
