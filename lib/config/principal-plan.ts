import * as names from '../facts/resource-names';
import type { PrincipalRole } from '../facts/resource-names';

/**
 * Which principals an environment has, resolved once from its validated `principals` and
 * `openmetadata.secretsManager`: every later layer (the stack, the collision and adoption rules, the
 * adopt command) switches on `auth` here, so the compiler names each place a new auth mode must go.
 */

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

/** A principal the stack creates for a role. */
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
  readonly auth?: 'workload-identity' | 'client-secret';
  readonly name?: string;
  readonly namespace?: string;
  readonly serviceAccount?: string;
  readonly secretRotationDays?: number;
  readonly owners?: readonly string[];
  /** Only ingestion's schema has it (`server`); the server's type leaves it unknown. */
  readonly sameAs?: unknown;
}

/**
 * Resolves validated settings. The schema's rules guarantee what is read here: the server has an
 * auth exactly with managed-azure-kv, a workload identity has its namespace and account, and
 * `sameAs` only with managed-azure-kv.
 */
export function resolvePrincipals(
  principals: { readonly server: PrincipalSettings; readonly ingestion: PrincipalSettings },
  secretsManager: 'managed-azure-kv' | 'azure-kv',
): PrincipalPlan {
  const serverNamespace = principals.server.namespace as string;
  const server: ServerPrincipalPlan =
    secretsManager === 'managed-azure-kv' ? ownPrincipal(principals.server, serverNamespace) : { auth: 'none', namespace: serverNamespace };
  const given = principals.ingestion;
  // Airflow runs next to the server unless the config says where.
  const namespace = given.namespace ?? serverNamespace;
  if (given.sameAs !== 'server') return { server, ingestion: ownPrincipal(given, namespace) };
  const serviceAccount = server.auth === 'workload-identity' ? (given.serviceAccount ?? server.serviceAccount) : undefined;
  return { server, ingestion: { auth: 'shared', namespace, serviceAccount } };
}

function ownPrincipal(p: PrincipalSettings, namespace: string): OwnPrincipalPlan {
  if (p.auth === 'workload-identity') {
    return { auth: 'workload-identity', name: p.name, namespace, serviceAccount: p.serviceAccount as string };
  }
  return { auth: 'client-secret', name: p.name, namespace, secretRotationDays: p.secretRotationDays, owners: p.owners ?? [] };
}

export type { PrincipalRole } from '../facts/resource-names';

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
  throw new Error(`unhandled principal plan ${JSON.stringify(value)}`);
}
