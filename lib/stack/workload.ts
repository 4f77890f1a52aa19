import { unreachable } from '../config/principal-plan';
import type { ClientSecretPrincipal } from '../constructs/client-secret-principal';
import type { WorkloadIdentityPrincipal } from '../constructs/workload-identity-principal';
import type { ClientSecretCredentials } from '../openmetadata/openmetadata-settings';

/** A principal the stack built, where its pods run, and what OpenMetadata needs to authenticate as it. */
export type Workload = FederatedWorkload | ClientSecretWorkload;

export interface FederatedWorkload {
  readonly auth: 'workload-identity';
  readonly principal: WorkloadIdentityPrincipal;
  /** The identity's name. */
  readonly name: string;
  readonly namespace: string;
  /** The federated service account the pods run as. */
  readonly serviceAccount: string;
}

export interface ClientSecretWorkload {
  readonly auth: 'client-secret';
  readonly principal: ClientSecretPrincipal;
  /** The app registration's display name. */
  readonly name: string;
  /** Where the credentials Secret goes. */
  readonly namespace: string;
  /** The credentials, as Terraform references. */
  readonly credentials: ClientSecretCredentials;
}

/**
 * How OpenMetadata's code authenticates as a workload's principal, in the two forms its Azure Key
 * Vault client knows: client credentials (in a Secret), or none given, so that
 * DefaultAzureCredential finds the federated token the pod's service account carries. Nothing
 * without a workload (the server with azure-kv).
 */
function authOf(w: Workload | undefined): { readonly credentials?: ClientSecretCredentials; readonly serviceAccount?: string } {
  if (w === undefined) return {};
  switch (w.auth) {
    case 'workload-identity':
      return { serviceAccount: w.serviceAccount };
    case 'client-secret':
      return { credentials: w.credentials };
    default:
      return unreachable(w);
  }
}

/** A client-secret workload's credentials; none for a federated one. */
export const credentialsOf = (w: Workload | undefined) => authOf(w).credentials;
/** A federated workload's service account; none for a client-secret one. */
export const serviceAccountOf = (w: Workload | undefined) => authOf(w).serviceAccount;
