import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import type { TerraformStack } from 'cdktf';
import { stringify } from 'yaml';
import { Config } from '../lib/config/config-schema';
import { parseConfig } from '../lib/config/load-config';
import type { OpenMetadataValuesProps } from '../lib/openmetadata/openmetadata-helm-values';
import { deepFreeze } from '../lib/stack/deep-freeze';
import type { OpenMetadataKeyVaultStack } from '../lib/stack/openmetadata-keyvault-stack';

// cdktf and the stack are loaded by the helpers that synthesize, not by every test file that
// imports this one: test files that only validate configurations stay light.
const cdktf = () => require('cdktf') as typeof import('cdktf');
const stackModule = () => require('../lib/stack/openmetadata-keyvault-stack') as typeof import('../lib/stack/openmetadata-keyvault-stack');

export const TENANT = '00000000-0000-0000-0000-000000000000';
export const SUBSCRIPTION = '11111111-1111-1111-1111-111111111111';
export const ISSUER =
  'https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/22222222-2222-2222-2222-222222222222/';

/** The AKS node subnet the vault firewall lets through: without one the cluster could not reach it. */
export const AKS_SUBNET = `/subscriptions/${'1'.repeat(8)}-1111-1111-1111-111111111111/resourceGroups/rg-aks/providers/Microsoft.Network/virtualNetworks/vnet-aks/subnets/snet-nodes`;

/** A valid environment: workload identity for both principals, a new vault the cluster can reach. */
export function baseEnvironment(): Record<string, any> {
  return {
    tenantId: TENANT,
    subscriptionId: SUBSCRIPTION,
    location: 'westeurope',
    resourceGroup: 'rg-om-test',
    keyVault: { name: 'kv-om-test', network: { allowedSubnetIds: [AKS_SUBNET] } },
    aks: { oidcIssuerUrl: ISSUER },
    principals: {
      server: { auth: 'workload-identity', namespace: 'openmetadata', serviceAccount: 'openmetadata' },
      ingestion: { auth: 'workload-identity', namespace: 'airflow', serviceAccount: 'airflow-worker' },
    },
  };
}

/** A valid environment whose names (resource group, vault, namespaces) are its own, so several can coexist. */
export function distinctEnvironment(name: string): Record<string, any> {
  const env = baseEnvironment();
  env.resourceGroup = `rg-om-${name}`;
  env.keyVault = { name: `kv-om-${name}`, network: { allowedSubnetIds: [AKS_SUBNET] } };
  env.principals.server.namespace = `openmetadata-${name}`;
  env.principals.ingestion.namespace = `airflow-${name}`;
  return env;
}

/** Parses a whole file given as data, through the same YAML path users take. */
export function parse(data: unknown): Config {
  return parseConfig(stringify(data), 'test.yaml');
}

/** Validates one environment called `test` after `edit` changed the base one. */
export function environmentWith(edit: (env: Record<string, any>) => void) {
  const env = baseEnvironment();
  edit(env);
  return parse({ environments: { test: env } }).environments.test;
}

/** The problems a configuration is rejected with (fails the test when it is accepted). */
export function problemsOf(data: unknown): string[] {
  try {
    parse(data);
  } catch (e) {
    return [...((e as { problems?: string[] }).problems ?? [String(e)])];
  }
  throw new Error('expected the configuration to be rejected, but it was accepted');
}

/** The problems of one environment `test` after `edit`. */
export function problemsWith(edit: (env: Record<string, any>) => void): string[] {
  const env = baseEnvironment();
  edit(env);
  return problemsOf({ environments: { test: env } });
}

export interface Synthesized {
  /** The raw JSON text, for matchers and text searches. */
  readonly text: string;
  readonly json: any;
  readonly stack: OpenMetadataKeyVaultStack;
}

/**
 * Synthesizes the stack of one validated environment. Every synth of every test configuration is
 * also checked for secret material: a leak fails whichever test made it.
 */
export function synthEnvironment(edit: (env: Record<string, any>) => void = () => {}, name = 'test'): Synthesized {
  const env = baseEnvironment();
  edit(env);
  // Tests only read what a synth returns: one synth per distinct configuration and file.
  const key = `${name}\n${JSON.stringify(env)}`;
  const cached = synthCache.get(key);
  if (cached) return cached;
  const environment = parse({ environments: { [name]: env } }).environments[name];
  const { Testing } = cdktf();
  const app = Testing.app();
  const stack = new (stackModule().OpenMetadataKeyVaultStack)(app, name, { environment });
  const text = Testing.synth(stack);
  const json = JSON.parse(text);
  const leaks = [...secretLookingStrings(json), ...exposedSecretOutputs(json).map((o) => `non-sensitive output ${o}`)];
  if (leaks.length > 0) throw new Error(`secret material in the synthesized JSON:\n${leaks.join('\n')}`);
  // Shared results must not be changed by one test under another's feet.
  const result = { text, json: deepFreeze(json), stack };
  synthCache.set(key, result);
  return result;
}

const synthCache = new Map<string, Synthesized>();

/** The configuration files the project ships: environments.yaml and every example, as paths from the root. */
export function shippedConfigFiles(): string[] {
  const examples = readdirSync(join(__dirname, '..', 'examples')).filter((f) => f.endsWith('.yaml'));
  return ['environments.yaml', ...examples.map((f) => `examples/${f}`)];
}

/** Every environment of a configuration file of the project (a path from its root), synthesized as the app does. */
export function synthConfigFile(file: string): Record<string, any> {
  return Object.fromEntries(Object.entries(synthConfigFileStacks(file)).map(([name, s]) => [name, s.json]));
}

/** The same, with each environment's stack beside its JSON. */
export function synthConfigFileStacks(file: string): Record<string, Synthesized> {
  const config = parseConfig(readFileSync(join(__dirname, '..', file), 'utf8'), file);
  const { Testing } = cdktf();
  const out: Record<string, Synthesized> = {};
  for (const [name, environment] of Object.entries(config.environments)) {
    const stack = new (stackModule().OpenMetadataKeyVaultStack)(Testing.app(), name, { environment });
    const text = Testing.synth(stack);
    out[name] = { text, json: JSON.parse(text), stack };
  }
  return out;
}

/** Synthesizes a bare stack `test` after `build` added constructs to it; returns what build returned too. */
export function synthScope<T>(build: (stack: TerraformStack) => T): { text: string; json: any; built: T } {
  const { TerraformStack, Testing } = cdktf();
  const stack = new TerraformStack(Testing.app(), 'test');
  const built = build(stack);
  const text = Testing.synth(stack);
  return { text, json: JSON.parse(text), built };
}

/** All resources of one Terraform type, by logical ID. */
export function resourcesOf(json: any, type: string): Record<string, any> {
  return json.resource?.[type] ?? {};
}

/** The only resource of a type (fails when there is not exactly one). */
export function onlyResource(json: any, type: string): any {
  const all = Object.values(resourcesOf(json, type));
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0];
}

/** Strips cdktf's "//" metadata so snapshots show only what Terraform reads. */
export function withoutMetadata<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (k, v) => (k === '//' ? undefined : v)));
}

/**
 * Strings in synthesized JSON that look like secret material: Entra ID client secrets, JWTs,
 * PEM keys, connection strings with keys, or a literal `value`/`password` attribute.
 */
export function secretLookingStrings(json: unknown): string[] {
  const found: string[] = [];
  const patterns = [
    /[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}/, // Entra ID client secret
    /eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/, // JWT
    /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
    /AccountKey=|SharedAccessSignature=|sig=[A-Za-z0-9%]{20,}/,
  ];
  const walk = (node: unknown, path: string) => {
    if (typeof node === 'string') {
      if (patterns.some((p) => p.test(node))) found.push(`${path}: ${node}`);
    } else if (Array.isArray(node)) {
      node.forEach((v, i) => walk(v, `${path}[${i}]`));
    } else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        // Only outputs (and the local values their YAML is rendered from) may hold a secret reference;
        // resources never carry a literal secret.
        const data = path.startsWith('output.') || path.startsWith('locals.');
        if (/^(password|client_secret|value)$/.test(k) && typeof v === 'string' && !data && !/^\$\{/.test(v)) {
          found.push(`${path}.${k}: ${v}`);
        }
        walk(v, path ? `${path}.${k}` : k);
      }
    }
  };
  walk(json, '');
  return found;
}

/** Outputs whose value references a secret attribute but are not marked sensitive. */
export function exposedSecretOutputs(json: any): string[] {
  return Object.entries(json.output ?? {})
    .filter(([, o]: [string, any]) => /azuread_application_password\.[^.]+\.value/.test(JSON.stringify(o.value)) && o.sensitive !== true)
    .map(([name]) => name);
}

/** The reference to a principal's client secret in use: of its two staggered secrets, the one whose rotation time is later. */
export function inUseSecret(role: 'Server' | 'Ingestion'): RegExp {
  const pw = (slot: string) => `azuread_application_password\\.${role}_ClientSecret${slot}_[0-9A-F]{8}\\.value`;
  const rot = (slot: string) => `time_rotating\\.${role}_SecretRotation${slot}_[0-9A-F]{8}\\.rotation_rfc3339`;
  return new RegExp(`^\\$\\{\\(timecmp\\(${rot('A')}, ${rot('B')}\\) != -1\\) \\? ${pw('A')} : ${pw('B')}\\}$`);
}

/**
 * The data an output renders as YAML: the stack writes `${yamlencode(local.<name>)}` and keeps the
 * data as that local value (references inside it stay as their text).
 */
export function yamlencodedData(json: any, output: string): any {
  const m = /^\$\{yamlencode\(local\.([A-Za-z0-9_]+)\)\}$/.exec(json.output[output].value);
  if (!m) throw new Error(`not a yamlencode of a local value: ${String(json.output[output].value).slice(0, 80)}`);
  return json.locals[m[1]];
}

/** The documents of a manifest output, `${join("---\n", [yamlencode(local.a), ...])}`, in order. */
export function manifestDocuments(json: any, output: string): any[] {
  const value: string = json.output[output].value;
  if (!/^\$\{join\("---\\n", \[/.test(value)) throw new Error(`not a YAML stream: ${value.slice(0, 80)}`);
  return [...value.matchAll(/yamlencode\(local\.([A-Za-z0-9_]+)\)/g)].map(([, name]) => json.locals[name]);
}

/** Chart values of a workload identity server (environment dev), for the Helm values and values-command tests. */
export const WORKLOAD_IDENTITY_VALUES: OpenMetadataValuesProps = {
  provider: 'managed-azure-kv',
  prefix: '',
  secretTags: {},
  clusterName: 'openmetadata',
  secretName: 'openmetadata-secrets-manager-dev',
  clientSecret: false,
  serviceAccountName: 'openmetadata',
};
