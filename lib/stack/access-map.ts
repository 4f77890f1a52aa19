import { unreachable } from '../config/principal-plan';
import { KeyVaultRole } from '../facts/azure-facts';
import { OPENMETADATA_K8S_PIPELINE } from '../facts/openmetadata-charts';
import type { PrincipalRole } from '../facts/resource-names';
import { AIRFLOW_COMPONENTS } from '../openmetadata/openmetadata-helm-values';

/**
 * Who can read what in one environment, as the stack built it: the principals and their role on
 * the vault, the pods that act as each (through a federated service account or a Kubernetes
 * Secret holding a client secret), and what else holds a credential. Plain data: the access
 * diagram (access-diagram.ts) draws it, and tests compare it with the synthesized JSON.
 */
export interface AccessMap {
  readonly environment: string;
  readonly vault: AccessVault;
  readonly principals: readonly AccessPrincipal[];
  readonly workloads: readonly AccessWorkload[];
  /** false: the stack hands the service accounts and Secrets out as manifests for you to apply. */
  readonly kubernetesManaged: boolean;
}

/** The role a principal is for. */
export type AccessRole = PrincipalRole;

export interface AccessVault {
  readonly name: string;
  /** The vault was there before (`keyVault.existingId`): the stack only grants on it. */
  readonly existing: boolean;
  /** `<secret name head>` of the secrets the server writes, with managed-azure-kv; none with azure-kv. */
  readonly serverSecretNameHead?: string;
}

/** A Kubernetes object, by namespace and name. */
export interface ObjectRef {
  readonly namespace: string;
  readonly name: string;
}

/** A Kubernetes Secret that holds a credential or the vault name. */
export interface CredentialSecret extends ObjectRef {
  readonly keys: readonly string[];
  /** Who creates it: the stack, or chart openmetadata (its pipeline Secret). */
  readonly owner: 'stack' | 'chart';
}

export interface AccessPrincipal {
  /** The role whose principal this is: `server` for one shared with ingestion. */
  readonly role: AccessRole;
  readonly kind: 'managed identity' | 'app registration';
  readonly name: string;
  /** The secrets role it holds at vault scope: on every secret in the vault. */
  readonly vaultRole: KeyVaultRole;
  /** The roles it acts for: both when ingestion shares the server's principal. */
  readonly actsFor: readonly AccessRole[];
  /** App registration: how its client secrets rotate. */
  readonly secretSchedule?: SecretSchedule;
}

/** An app registration's client secrets: each replaced every `periodDays`, valid `lifetimeDays`. */
export interface SecretSchedule {
  readonly periodDays: number;
  readonly lifetimeDays: number;
}

/** How pods (or a program) come to act as a principal. */
export type Credential =
  | { readonly kind: 'service account'; readonly account: ObjectRef }
  /** `copiedByServer`: the server puts the Secret's values into the pod spec (the Kubernetes pipeline client). */
  | { readonly kind: 'secret'; readonly secret: CredentialSecret; readonly copiedByServer?: boolean }
  | { readonly kind: 'output'; readonly output: string };

/** Something that runs OpenMetadata code: the server, Airflow, the ingestion Jobs, the CLI. */
export interface AccessWorkload {
  readonly id: 'server' | 'airflow' | 'jobs' | 'cli';
  /** What it is; a line break where the diagram breaks the line. */
  readonly label: string;
  /** Where it runs; none for the CLI, run by hand (on a laptop, in CI or in a pod). */
  readonly namespace?: string;
  /** The principal it acts as, and how (only `when` this holds); none when it never calls the vault. */
  readonly actsAs?: { readonly role: AccessRole; readonly through: Credential; readonly when?: string };
  /** Secrets it reads besides its credential (the vault name, a credential it passes on). */
  readonly alsoReads: readonly CredentialSecret[];
  /** Its account may read and change every Secret in its namespace (the chart's Roles with pipelineClient k8s). */
  readonly everySecretInNamespace?: boolean;
  /** Why it has no principal, or what else holds its credential. */
  readonly note?: string;
}

/** One role's principal as the stack built it: one variant per kind of principal. */
export type PrincipalAccess = IdentityAccess | ApplicationAccess;

interface PrincipalAccessBase {
  readonly name: string;
  readonly vaultRole: KeyVaultRole;
  readonly namespace: string;
}

/** Workload identity: the federated service account of this role's pods. */
interface IdentityAccess extends PrincipalAccessBase {
  readonly kind: 'managed identity';
  readonly serviceAccount: string;
}

/** Client secret: how its secrets rotate. */
interface ApplicationAccess extends PrincipalAccessBase {
  readonly kind: 'app registration';
  readonly secretSchedule: SecretSchedule;
}

/** What the stack tells the access map. */
export interface AccessMapInput {
  readonly environment: string;
  readonly vault: AccessVault;
  readonly kubernetesManaged: boolean;
  readonly pipelineClient: 'airflow' | 'k8s';
  readonly serverNamespace: string;
  /** The server's principal; none with azure-kv. */
  readonly server?: PrincipalAccess;
  /** Ingestion's principal, or the server's when shared (with ingestion's namespace and account). */
  readonly ingestion: PrincipalAccess;
  readonly shared: boolean;
  /** The Secret the server reads its vault name (and client secret) from; none with azure-kv. */
  readonly serverSecret?: CredentialSecret;
  /** The Secret Airflow reads the ingestion client secret from. */
  readonly airflowSecret?: CredentialSecret;
}

/** The chart keys of the Airflow components that act as the ingestion principal. */
const AIRFLOW_LABEL = `Airflow pods of chart openmetadata-dependencies:\n${AIRFLOW_COMPONENTS.join(', ')}`;

export function accessMap(input: AccessMapInput): AccessMap {
  const { server, ingestion, shared } = input;
  const principals: AccessPrincipal[] = [];
  if (server) principals.push(principalOf('server', server, shared ? ['server', 'ingestion'] : ['server']));
  if (!shared) principals.push(principalOf('ingestion', ingestion, ['ingestion']));
  const ingestionRole: AccessRole = shared ? 'server' : 'ingestion';

  const workloads: AccessWorkload[] = [];
  const pipelineSecret: CredentialSecret = {
    namespace: input.serverNamespace,
    name: OPENMETADATA_K8S_PIPELINE.secretName,
    keys: [OPENMETADATA_K8S_PIPELINE.envKey],
    owner: 'chart',
  };
  // With the Kubernetes pipeline client (only with managed-azure-kv: the schema refuses it with
  // azure-kv) the server reads the jobs' env from the chart's pipeline Secret, and the chart's Roles
  // give its account and the jobs' `get` to `delete` on every Secret of the namespace.
  const k8s = input.pipelineClient === 'k8s';
  const serverReads: CredentialSecret[] = k8s ? [pipelineSecret] : [];
  workloads.push({
    id: 'server',
    label: 'OpenMetadata server:\nDeployment and CronJobs of chart openmetadata',
    namespace: input.serverNamespace,
    ...(server
      ? through('server', server, input.serverSecret, serverReads)
      : { alsoReads: [], note: 'azure-kv: keeps connection secrets in its database\nand never calls the vault' }),
    ...(k8s ? { everySecretInNamespace: true } : {}),
  });
  if (input.pipelineClient === 'airflow') {
    workloads.push({
      id: 'airflow',
      label: AIRFLOW_LABEL,
      namespace: ingestion.namespace,
      ...through(ingestionRole, ingestion, input.airflowSecret, []),
    });
  } else {
    workloads.push({
      id: 'jobs',
      label: `ingestion Jobs the server creates,\nas account ${OPENMETADATA_K8S_PIPELINE.serviceAccount}`,
      namespace: input.serverNamespace,
      actsAs: { role: ingestionRole, through: { kind: 'secret', secret: pipelineSecret, copiedByServer: true } },
      alsoReads: [],
      everySecretInNamespace: true,
      note: 'the server copies the client secret into each Job pod spec\nas literal env: get on pods or jobs reads it (the built-in view role)',
    });
  }
  // cli_env holds only the vault name with workload identity: the CLI authenticates with
  // DefaultAzureCredential, as the ingestion identity in a pod on its federated account, as
  // whoever signed in anywhere else.
  workloads.push({ id: 'cli', label: 'metadata CLI', ...cliAccess(ingestionRole, ingestion) });
  return { environment: input.environment, vault: input.vault, principals, workloads, kubernetesManaged: input.kubernetesManaged };
}

function principalOf(role: AccessRole, p: PrincipalAccess, actsFor: AccessRole[]): AccessPrincipal {
  const secretSchedule = p.kind === 'app registration' ? p.secretSchedule : undefined;
  return { role, kind: p.kind, name: p.name, vaultRole: p.vaultRole, actsFor, secretSchedule };
}

/** How the metadata CLI acts as ingestion's principal. */
function cliAccess(role: AccessRole, p: PrincipalAccess): Pick<AccessWorkload, 'actsAs' | 'alsoReads' | 'note'> {
  switch (p.kind) {
    case 'managed identity':
      return {
        actsAs: {
          role,
          through: { kind: 'service account', account: { namespace: p.namespace, name: p.serviceAccount } },
          when: 'in a pod',
        },
        alsoReads: [],
        note: 'elsewhere it signs in as whoever runs it (DefaultAzureCredential),\nwith no role from this stack',
      };
    case 'app registration':
      return { actsAs: { role, through: { kind: 'output', output: 'cli_env' } }, alsoReads: [] };
    default:
      return unreachable(p);
  }
}

/**
 * Pods act through their federated account (and still read the Secret, which then holds the vault
 * name), or through the Secret holding the client secret.
 */
function through(
  role: AccessRole,
  p: PrincipalAccess,
  secret: CredentialSecret | undefined,
  alsoReads: CredentialSecret[],
): Pick<AccessWorkload, 'actsAs' | 'alsoReads'> {
  switch (p.kind) {
    case 'managed identity': {
      const account = { namespace: p.namespace, name: p.serviceAccount };
      return { actsAs: { role, through: { kind: 'service account', account } }, alsoReads: secret ? [secret, ...alsoReads] : alsoReads };
    }
    case 'app registration':
      if (secret === undefined) throw new Error(`the ${role} principal uses a client secret, but no Secret holds it`);
      return { actsAs: { role, through: { kind: 'secret', secret } }, alsoReads };
    default:
      return unreachable(p);
  }
}
