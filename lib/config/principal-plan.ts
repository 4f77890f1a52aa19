import * as names from '../facts/resource-names';
import type { PrincipalRole } from '../facts/resource-names';

/**
 * Which principals an environment has, resolved once from its validated `principals` and
 * `openmetadata.secretsManager`: every later layer (the stack, the collision and adoption rules, the
 * adopt command) switches on `auth` here, so the compiler names each place a new auth mode must go.
 */

/** The auth modes a principal of its own may use (`principals.<role>.auth`). */
export const AUTH_MODES = ['workload-identity', 'client-secret'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

/** A user-assigned managed identity, federated with the pods' Kubernetes service account. */
export interface WorkloadIdentityPlan {
  readonly auth: 'workload-identity';
  /** The identity's name as configured; the stack derives one when none is given. */
  readonly name?: string;
  readonly namespace: string;
  readonly serviceAccount: string;
}

/** An Entra ID app registration with rotating client secrets. */
export interface ClientSecretPlan {
  readonly auth: 'client-secret';
  /** The display name as configured; the stack derives one when none is given. */
  readonly name?: string;
  /** Where the Secret holding its credentials goes. */
  readonly namespace: string;
  readonly secretRotationDays?: number;
  /** Co-owners besides whoever runs Terraform. */
  readonly owners: readonly string[];
}

/** A principal the stack creates for a role: one variant per auth mode. */
export type OwnPrincipalPlan = WorkloadIdentityPlan | ClientSecretPlan;

/** `azure-kv`: the server keeps its secrets in its database and never calls the vault. */
export interface NoPrincipalPlan {
  readonly auth: 'none';
  readonly namespace: string;
}

/**
 * `sameAs: server`: ingestion uses the server's principal. With a workload identity server its pods
 * run as `serviceAccount` (the server's unless the config names another, which gets a federated
 * credential on the same identity).
 */
export interface SharedPrincipalPlan {
  readonly auth: 'shared';
  readonly namespace: string;
  readonly serviceAccount?: string;
}

export type ServerPrincipalPlan = OwnPrincipalPlan | NoPrincipalPlan;
export type IngestionPrincipalPlan = OwnPrincipalPlan | SharedPrincipalPlan;

export interface PrincipalPlan {
  readonly server: ServerPrincipalPlan;
  readonly ingestion: IngestionPrincipalPlan;
}

/** The configured shape of one principal (environment-schema.ts), before it is resolved. */
export interface PrincipalSettings {
  readonly auth?: AuthMode;
  readonly name?: string;
  readonly namespace?: string;
  readonly serviceAccount?: string;
  readonly secretRotationDays?: number;
  readonly owners?: readonly string[];
  /** Only ingestion's schema has it (`server`); the server's type leaves it unknown. */
  readonly sameAs?: unknown;
}

type Principals = { readonly server: PrincipalSettings; readonly ingestion: PrincipalSettings };
type SecretsManager = 'managed-azure-kv' | 'azure-kv';

/**
 * The auth mode each role ends up with, read from the settings as written, valid or not: the rules
 * across settings (environment-rules.ts) go by it as resolvePrincipals does. Ingestion with
 * `sameAs: server` has the server's; a server has none with azure-kv; undefined where none is set.
 */
export function effectiveAuth(
  principals: Principals,
  secretsManager: SecretsManager,
): { readonly server: AuthMode | 'none' | undefined; readonly ingestion: AuthMode | 'none' | undefined; readonly shared: boolean } {
  const server = secretsManager === 'managed-azure-kv' ? principals.server.auth : 'none';
  const shared = principals.ingestion.sameAs === 'server';
  return { server, ingestion: shared ? server : principals.ingestion.auth, shared };
}

/**
 * Resolves validated settings. The schema's rules guarantee what is read here: the server has an
 * auth exactly with managed-azure-kv, a workload identity has its namespace and account, and
 * `sameAs` only with managed-azure-kv.
 */
export function resolvePrincipals(principals: Principals, secretsManager: SecretsManager): PrincipalPlan {
  const serverNamespace = principals.server.namespace as string;
  const auth = effectiveAuth(principals, secretsManager);
  const server: ServerPrincipalPlan =
    auth.server === 'none' ? { auth: 'none', namespace: serverNamespace } : ownPrincipal(principals.server, serverNamespace);
  const given = principals.ingestion;
  // Airflow runs next to the server unless the config says where.
  const namespace = given.namespace ?? serverNamespace;
  if (!auth.shared) return { server, ingestion: ownPrincipal(given, namespace) };
  return { server, ingestion: { auth: 'shared', namespace, serviceAccount: sharedServiceAccount(server, given) } };
}

/** A shared workload identity's Airflow pods run as the configured account, or the server's; nothing is federated otherwise. */
function sharedServiceAccount(server: ServerPrincipalPlan, given: PrincipalSettings): string | undefined {
  switch (server.auth) {
    case 'workload-identity':
      return given.serviceAccount ?? server.serviceAccount;
    case 'client-secret':
    case 'none':
      return undefined;
    default:
      return unreachable(server);
  }
}

function ownPrincipal(p: PrincipalSettings, namespace: string): OwnPrincipalPlan {
  const auth = p.auth as AuthMode;
  switch (auth) {
    case 'workload-identity':
      return { auth, name: p.name, namespace, serviceAccount: p.serviceAccount as string };
    case 'client-secret':
      return { auth, name: p.name, namespace, secretRotationDays: p.secretRotationDays, owners: p.owners ?? [] };
    default:
      return unreachable(auth);
  }
}

/**
 * The service accounts federated to an identity, each under the setting that names it: the
 * server's, ingestion's own, and with `sameAs: server` the Airflow pods' account unless it is the
 * server's (one credential serves both then).
 */
export function federatedAccounts(
  plan: PrincipalPlan,
): { readonly role: PrincipalRole; readonly namespace: string; readonly serviceAccount: string }[] {
  const { server, ingestion } = plan;
  const accounts: { role: PrincipalRole; namespace: string; serviceAccount: string }[] = [];
  switch (server.auth) {
    case 'workload-identity':
      accounts.push({ role: 'server', namespace: server.namespace, serviceAccount: server.serviceAccount });
      break;
    case 'client-secret':
    case 'none':
      break;
    default:
      unreachable(server);
  }
  switch (ingestion.auth) {
    case 'workload-identity':
      accounts.push({ role: 'ingestion', namespace: ingestion.namespace, serviceAccount: ingestion.serviceAccount });
      break;
    case 'shared': {
      const { namespace, serviceAccount } = ingestion;
      const known = accounts.some((a) => a.namespace === namespace && a.serviceAccount === serviceAccount);
      if (serviceAccount !== undefined && !known) accounts.push({ role: 'ingestion', namespace, serviceAccount });
      break;
    }
    case 'client-secret':
      break;
    default:
      unreachable(ingestion);
  }
  return accounts;
}

/** The principals the stack creates, by role: the server's unless `none`, ingestion's unless shared. */
export function ownPrincipals(plan: PrincipalPlan): { readonly role: PrincipalRole; readonly principal: OwnPrincipalPlan }[] {
  const own: { role: PrincipalRole; principal: OwnPrincipalPlan }[] = [];
  if (plan.server.auth !== 'none') own.push({ role: 'server', principal: plan.server });
  if (plan.ingestion.auth !== 'shared') own.push({ role: 'ingestion', principal: plan.ingestion });
  return own;
}

/** The name the stack gives a principal: the configured one, or one derived from clusterName, environment and role. */
export function principalName(role: PrincipalRole, p: OwnPrincipalPlan, clusterName: string, environment: string): string {
  switch (p.auth) {
    case 'workload-identity':
      return names.identityName(p.name, clusterName, environment, role);
    case 'client-secret':
      return names.applicationName(p.name, clusterName, environment, role);
    default:
      return unreachable(p);
  }
}

/** Whether any principal the stack creates authenticates this way. */
export function usesAuth(plan: PrincipalPlan, auth: OwnPrincipalPlan['auth']): boolean {
  return ownPrincipals(plan).some((p) => p.principal.auth === auth);
}

/** For exhaustive switches: a new variant makes this call a compile error. */
export function unreachable(value: never): never {
  throw new Error(`unhandled variant ${JSON.stringify(value)}`);
}
