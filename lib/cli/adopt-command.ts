import * as fs from 'fs';
import * as path from 'path';
import { stringify } from 'yaml';
import type { EnvironmentConfig } from '../config/config-schema';
import { ownPrincipals, principalName, unreachable } from '../config/principal-plan';
import { KEY_VAULT_ROLES, serviceAccountSubject } from '../facts/azure-facts';
import { CommandInputError, reportOrRethrow } from '../facts/errors';
import { IMPORT_ID_FORMATS, importIdRule, ImportIdKind } from '../facts/import-ids';
import { quoted } from '../facts/message-text';
import type { PrincipalRole } from '../facts/resource-names';
import { configuredEnvironment } from './configured-environment';
import { shellQuote } from './values-command';

/**
 * `npm run adopt -- <env>`: the `az` and `kubectl` queries that find the IDs of a hand-made setup
 * (by the names the configuration gives: set `principals.<role>.name` to the hand-made names
 * first), each writing its JSON into a folder; with `--from <folder>`, the `adopt:` section those
 * answers give, to paste into the environment.
 */

const ADOPT_USAGE = 'usage: npm run adopt -- <environment> [--from <folder>]';

interface Query {
  /** The file under the folder the answer goes to. */
  readonly file: string;
  readonly command: string;
}

/** One principal of its own, as the stack would create it (a shared one, or an azure-kv server, has none). */
type OwnPrincipal =
  | {
      readonly role: PrincipalRole;
      readonly auth: 'workload-identity';
      /** The identity name. */
      readonly name: string;
      /** The federated account. */
      readonly account: { readonly namespace: string; readonly name: string };
    }
  | {
      readonly role: PrincipalRole;
      readonly auth: 'client-secret';
      /** The app registration's display name. */
      readonly name: string;
    };

function adoptablePrincipals(environment: string, env: EnvironmentConfig): OwnPrincipal[] {
  const cluster = env.openmetadata.clusterName;
  return ownPrincipals(env.principalPlan).map(({ role, principal }): OwnPrincipal => {
    const name = principalName(role, principal, cluster, environment);
    switch (principal.auth) {
      case 'workload-identity':
        return { role, auth: principal.auth, name, account: { namespace: principal.namespace, name: principal.serviceAccount } };
      case 'client-secret':
        return { role, auth: principal.auth, name };
      default:
        return unreachable(principal);
    }
  });
}

function vaultOf(env: EnvironmentConfig): { name: string; id: string } {
  if ('existingId' in env.keyVault) {
    throw new CommandInputError('keyVault: received existingId; expected keyVault.name: an adopted vault is one the stack manages');
  }
  const name = env.keyVault.name;
  return {
    name,
    id: `/subscriptions/${env.subscriptionId}/resourceGroups/${env.resourceGroup}/providers/Microsoft.KeyVault/vaults/${name}`,
  };
}

const accountFile = (a: { namespace: string; name: string }) => `service-account-${a.namespace}-${a.name}.json`;

/** The queries, in the order to run them; each writes JSON into `folder`. */
export function adoptQueries(environment: string, env: EnvironmentConfig, folder: string): string[] {
  const q = shellQuote;
  const rg = q(env.resourceGroup);
  const vault = vaultOf(env);
  const queries: Query[] = [];
  if (!env.existingResourceGroup) queries.push({ file: 'resource-group.json', command: `az group show --name ${rg} -o json` });
  queries.push({ file: 'key-vault.json', command: `az keyvault show --resource-group ${rg} --name ${q(vault.name)} -o json` });
  queries.push({ file: 'role-assignments.json', command: `az role assignment list --scope ${q(vault.id)} -o json` });
  for (const p of adoptablePrincipals(environment, env)) {
    if (p.auth === 'workload-identity') {
      queries.push({ file: `identity-${p.role}.json`, command: `az identity show --resource-group ${rg} --name ${q(p.name)} -o json` });
      queries.push({
        file: `federated-credentials-${p.role}.json`,
        command: `az identity federated-credential list --resource-group ${rg} --identity-name ${q(p.name)} -o json`,
      });
      if (env.kubernetes.manage) {
        const a = p.account;
        queries.push({ file: accountFile(a), command: `kubectl get serviceaccount --namespace ${q(a.namespace)} ${q(a.name)} -o json` });
      }
    } else if (p.auth === 'client-secret') {
      queries.push({ file: `application-${p.role}.json`, command: `az ad app list --display-name ${q(p.name)} -o json` });
      queries.push({ file: `service-principal-${p.role}.json`, command: `az ad sp list --display-name ${q(p.name)} -o json` });
    } else unreachable(p);
  }
  return queries.map((x) => `${x.command} > ${q(path.posix.join(folder, x.file))}`);
}

type Answer = Record<string, unknown>;

/** A field of an answer, through nested objects: undefined where any step is missing. */
function field(o: unknown, ...keys: string[]): unknown {
  let here = o;
  for (const k of keys) here = here !== null && typeof here === 'object' ? (here as Answer)[k] : undefined;
  return here;
}

/** An answer that is a list (az ... list): its objects, or none. */
const objects = (o: unknown): Answer[] => (Array.isArray(o) ? o.filter((x): x is Answer => x !== null && typeof x === 'object') : []);

/** The JSON in `file` under `folder`, or undefined when the query was not run (no file). */
function answer(folder: string, file: string): unknown {
  const full = path.join(folder, file);
  let text: string;
  try {
    text = fs.readFileSync(full, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CommandInputError(
      `${full}: cannot read it (${(e as NodeJS.ErrnoException).code ?? 'error'}); expected the JSON the query wrote`,
    );
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new CommandInputError(`${full}: received text that is not JSON; expected what the query printed with -o json`);
  }
}

function checked(kind: ImportIdKind, value: unknown, where: string): string {
  if (typeof value !== 'string' || importIdRule(kind)(value) !== undefined) {
    throw new CommandInputError(
      `${where}: received ${typeof value === 'string' ? quoted(value) : String(value)}; expected ${IMPORT_ID_FORMATS[kind]}`,
    );
  }
  return value;
}

export interface AdoptSection {
  /** `adopt:` as YAML, to paste under the environment. */
  readonly yaml: string;
  /** What the answers did not give, or gave differently from what the stack would create. */
  readonly notes: string[];
}

/** The `adopt:` section the answers in `folder` give. */
export function adoptSection(environment: string, env: EnvironmentConfig, folder: string): AdoptSection {
  const notes: string[] = [];
  const adopt: Record<string, unknown> = {};
  const group = env.existingResourceGroup ? undefined : answer(folder, 'resource-group.json');
  if (group !== undefined) adopt.resourceGroup = checked('resourceGroup', field(group, 'id'), 'resource-group.json: id');
  const vault = answer(folder, 'key-vault.json');
  if (vault !== undefined) {
    adopt.keyVault = {
      id: checked('keyVault', field(vault, 'id'), 'key-vault.json: id'),
      observed: {
        location: field(vault, 'location'),
        // az prints null for a setting never turned on.
        purgeProtection: field(vault, 'properties', 'enablePurgeProtection') === true,
        rbacAuthorization: field(vault, 'properties', 'enableRbacAuthorization') === true,
        softDeleteRetentionDays: field(vault, 'properties', 'softDeleteRetentionInDays'),
      },
    };
  } else notes.push('no key-vault.json: the vault is not adopted (a new one would be created)');
  const assignments = objects(answer(folder, 'role-assignments.json'));
  const kubernetes: string[] = [];
  for (const p of adoptablePrincipals(environment, env)) {
    const section: Record<string, string> = {};
    let principalId: unknown;
    if (p.auth === 'workload-identity') {
      const identity = answer(folder, `identity-${p.role}.json`);
      if (identity === undefined) {
        notes.push(`${p.role}: no identity-${p.role}.json, nothing adopted for it`);
        continue;
      }
      section.identity = checked('identity', field(identity, 'id'), `identity-${p.role}.json: id`);
      principalId = field(identity, 'principalId');
      const account = p.account;
      const subject = serviceAccountSubject(account.namespace, account.name);
      const credential = objects(answer(folder, `federated-credentials-${p.role}.json`)).find((c) => c.subject === subject);
      if (credential)
        section.federatedCredential = checked('federatedCredential', credential.id, `federated-credentials-${p.role}.json: id`);
      else notes.push(`${p.role}: no federated credential for ${subject}; the stack creates one`);
      const sa = answer(folder, accountFile(account));
      if (sa !== undefined) {
        const id = `${String(field(sa, 'metadata', 'namespace'))}/${String(field(sa, 'metadata', 'name'))}`;
        kubernetes.push(checked('kubernetes', id, `${accountFile(account)}: metadata`));
      }
    } else if (p.auth === 'client-secret') {
      const apps = objects(answer(folder, `application-${p.role}.json`));
      if (apps.length !== 1) {
        notes.push(
          `${p.role}: ${apps.length} app registrations named ${p.name}; expected one (set principals.${p.role}.name to the hand-made one's display name)`,
        );
        continue;
      }
      const sp = objects(answer(folder, `service-principal-${p.role}.json`)).find((s) => s.appId === apps[0].appId);
      if (!sp) {
        notes.push(`${p.role}: no service principal of app ${String(apps[0].appId)} in service-principal-${p.role}.json`);
        continue;
      }
      section.application = checked('application', `/applications/${String(apps[0].id)}`, `application-${p.role}.json: id`);
      section.servicePrincipal = checked('servicePrincipal', `/servicePrincipals/${String(sp.id)}`, `service-principal-${p.role}.json: id`);
      principalId = sp.id;
      notes.push(
        `${p.role}: the hand-made client secret stays valid; once the pods use the stack's, delete it: ` +
          `az ad app credential list --id ${String(apps[0].appId)} -o table, then az ad app credential delete --id ${String(apps[0].appId)} --key-id <keyId>`,
      );
    } else unreachable(p);
    const wanted = p.role === 'server' ? KEY_VAULT_ROLES.secretsOfficer.name : KEY_VAULT_ROLES.secretsUser.name;
    const own = assignments.filter((a) => a.principalId === principalId);
    const match = own.find((a) => a.roleDefinitionName === wanted);
    if (match) section.roleAssignment = checked('roleAssignment', match.id, 'role-assignments.json: id');
    for (const other of own.filter((a) => a !== match)) {
      notes.push(
        `${p.role}: also holds ${other.roleDefinitionName} on the vault, which the stack does not manage; remove it by hand if it is not needed`,
      );
    }
    if (!match) notes.push(`${p.role}: no ${wanted} assignment on the vault; the stack creates it`);
    adopt[p.role] = section;
  }
  if (kubernetes.length > 0) adopt.kubernetes = { serviceAccounts: kubernetes };
  return { yaml: stringify({ adopt }, { lineWidth: 0 }), notes };
}

interface AdoptOptions {
  readonly environment: string;
  readonly from?: string;
}

function parseAdoptArgs(argv: readonly string[]): AdoptOptions | undefined {
  let environment: string | undefined;
  let from: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return undefined;
    if (arg === '--from') {
      from = argv[++i];
      if (from === undefined || from.startsWith('--'))
        throw new CommandInputError('--from: received nothing; expected the folder the queries wrote into');
    } else if (arg.startsWith('--'))
      throw new CommandInputError(`${arg}: received an unknown option; expected --from <folder>. ${ADOPT_USAGE}`);
    else if (environment === undefined) environment = arg;
    else throw new CommandInputError(`${quoted(arg)}: received a second environment; expected one. ${ADOPT_USAGE}`);
  }
  if (environment === undefined) throw new CommandInputError(`environment: received nothing; expected one. ${ADOPT_USAGE}`);
  return { environment, from };
}

/** What `npm run adopt` runs: returns the exit code; messages, never stack traces, for bad input. */
export function runAdopt(
  argv: readonly string[],
  processEnv: NodeJS.ProcessEnv,
  out: { stdout(text: string): void; stderr(text: string): void },
): number {
  try {
    const options = parseAdoptArgs(argv);
    if (options === undefined) {
      out.stdout(
        `${ADOPT_USAGE}\n\nWithout --from: prints the az and kubectl queries that find a hand-made setup by the names the\n` +
          'configuration gives, each writing JSON into adopt/<environment>/. With --from: prints the adopt: section their\n' +
          'answers give, to paste under the environment in environments.yaml (or OM_AZURE_CONFIG).\n',
      );
      return 0;
    }
    const { file, config: env } = configuredEnvironment(options.environment, processEnv);
    if (options.from === undefined) {
      const folder = `adopt/${options.environment}`;
      out.stdout(
        `# run these where az is signed in and kubectl points at the cluster, then: npm run adopt -- ${shellQuote(options.environment)} --from ${folder}\n` +
          `mkdir -p ${folder}\n${adoptQueries(options.environment, env, folder).join('\n')}\n`,
      );
      return 0;
    }
    const section = adoptSection(options.environment, env, options.from);
    const notes = section.notes.map((n) => `# ${n}\n`).join('');
    out.stdout(`# paste under environments.${options.environment} in ${file}\n${notes}${section.yaml}`);
    return 0;
  } catch (e) {
    return reportOrRethrow(
      e,
      {
        inputPrefix: 'adopt: ',
        faultPath: 'adopt/',
        // The answers it cannot read are bad input (answer()); it writes nothing but stdout.
        fault: (fault) => `adopt: ${fault}`,
      },
      out.stderr,
    );
  }
}
