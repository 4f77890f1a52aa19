import { readFileSync } from 'fs';
import { join, posix } from 'path';
import { Fn, TerraformOutput, Testing } from 'cdktf';
import { parse as parseYaml } from 'yaml';
import { hclString } from '../../lib/constructs/terraform-expressions';
import { formatReport } from '../../lib/policy/policy-checks';
import { repairTerraformBlock } from '../../lib/stack/hcl-output';
import { OpenMetadataKeyVaultStack } from '../../lib/stack/openmetadata-keyvault-stack';
import { UnescapedLiteralError } from '../../lib/stack/terraform-text';
import { AKS_SUBNET, baseEnvironment, distinctEnvironment, parse, problemsOf, SUBSCRIPTION } from '../helpers';
import { blocksUnwrapped, evaluateHclStack, evaluateJsonStack, terraformVersion } from '../terraform-eval';

/**
 * No config value ever becomes Terraform code. Every string field of the committed JSON Schema is
 * either free text, which must reach Terraform exactly as written whatever it holds, or a field
 * whose own rule refuses each hostile piece below even inside an otherwise valid value. A field
 * added to the schema later falls into one of the two, or this test fails.
 */

type Schema = Record<string, any>;
type Path = (string | number)[];
const schema: Schema = JSON.parse(readFileSync(join(__dirname, '..', '..', 'environments.schema.json'), 'utf8'));

/** Paths of every string in an environment: `*key*` is a map key, `k` a map value, a number a list index. */
function stringPaths(node: Schema, path: Path): Path[] {
  const found: Path[] = [];
  for (const variant of [...(node.oneOf ?? []), ...(node.anyOf ?? [])]) found.push(...stringPaths(variant, path));
  if (node.type === 'string' && node.const === undefined && node.enum === undefined) found.push(path);
  for (const [key, child] of Object.entries<Schema>(node.properties ?? {})) found.push(...stringPaths(child, [...path, key]));
  if (node.type === 'array' && node.items) found.push(...stringPaths(node.items, [...path, 0]));
  if (node.type === 'object' && node.additionalProperties && typeof node.additionalProperties === 'object') {
    found.push([...path, '*key*'], ...stringPaths(node.additionalProperties, [...path, 'k']));
  }
  return found;
}
const shown = (path: Path) => path.join('.');
const PATHS = [...new Map(stringPaths(schema.properties.environments.additionalProperties, []).map((p) => [shown(p), p])).values()];

/**
 * What could end a string or start an expression in Terraform's JSON or HCL, or in cdktf's writers.
 * A `$` alone is harmless (a URL may hold one); it is here for the free text, where it meets a `{`.
 */
const PIECES = {
  quote: 'q"q',
  backslash: 'b\\b',
  newline: 'n\nn',
  interpolation: 'i${"INJECTED"}i',
  directive: 'd%{if true}DIRECTIVE%{endif}d',
  // Written together, the two make `$` then `{`: a template sequence across a boundary.
  dollar: 'e$',
  brace: '{x}',
} as const;
type Piece = keyof typeof PIECES;
const ALL = Object.keys(PIECES) as Piece[];

const WORKSPACE = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/law-platform`;
const DNS_ZONE = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net`;
const AZURERM_BACKEND = { type: 'azurerm', storageAccountName: 'sttfstate', containerName: 'tfstate', resourceGroupName: 'rg-tf' };

const GROUP = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-om-test`;
const ADOPTED = {
  vault: `${GROUP}/providers/Microsoft.KeyVault/vaults/kv-om-test`,
  identity: (role: string) => `${GROUP}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-openmetadata-test-${role}`,
  assignment: `${GROUP}/providers/Microsoft.KeyVault/vaults/kv-om-test/providers/Microsoft.Authorization/roleAssignments/11111111-2222-3333-4444-555555555555`,
};
/** A valid adoption of one principal's objects (client-secret ones switch the principal to client-secret). */
function adoptPrincipal(env: Record<string, any>, role: 'server' | 'ingestion', clientSecret: boolean): void {
  if (clientSecret) {
    env.principals[role] = { auth: 'client-secret', namespace: env.principals[role].namespace };
    env.adopt = {
      [role]: {
        application: '/applications/22222222-3333-4444-5555-666666666666',
        servicePrincipal: '/servicePrincipals/33333333-4444-5555-6666-777777777777',
      },
    };
    return;
  }
  const identity = ADOPTED.identity(role);
  env.adopt = {
    [role]: { identity, federatedCredential: `${identity}/federatedIdentityCredentials/om-fed`, roleAssignment: ADOPTED.assignment },
  };
}

/** A valid environment with a value at `path` (the schema's shape around it filled in). */
function environmentAt(path: Path, value?: string): Record<string, any> {
  const env = baseEnvironment();
  const [root, field] = path;
  const prepare: Record<string, () => void> = {
    'adopt.resourceGroup': () => (env.adopt = { resourceGroup: GROUP }),
    'adopt.keyVault': () => (env.adopt = { keyVault: { id: ADOPTED.vault, observed: { location: 'westeurope' } } }),
    'adopt.kubernetes': () =>
      (env.adopt = {
        kubernetes: { serviceAccounts: ['openmetadata/openmetadata'], secrets: ['openmetadata/openmetadata-secrets-manager-test'] },
      }),
    'keyVault.existingId': () =>
      (env.keyVault = { existingId: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-x` }),
    'keyVault.privateEndpoint': () =>
      (env.keyVault.privateEndpoint = { location: 'westeurope', subnetId: AKS_SUBNET, privateDnsZoneId: DNS_ZONE }),
    'keyVault.diagnostics': () => (env.keyVault.diagnostics = { logAnalyticsWorkspaceId: WORKSPACE }),
    'keyVault.network': () => (env.keyVault.network = { allowedIpRanges: ['203.0.113.7'], allowedSubnetIds: [AKS_SUBNET] }),
    'aks.name': () => (env.aks = { name: 'aks-om', resourceGroup: 'rg-aks' }),
    'aks.resourceGroup': () => (env.aks = { name: 'aks-om', resourceGroup: 'rg-aks' }),
    'kubernetes.configPath': () => (env.kubernetes = { configPath: '~/.kube/config' }),
    'kubernetes.configContext': () => (env.kubernetes = { configContext: 'aks-dev' }),
    'tags.*key*': () => (env.tags = { owner: 'data' }),
    'tags.k': () => (env.tags = { k: 'data' }),
    'openmetadata.secretTags': () => (env.openmetadata = { secretTags: { k: 'data' } }),
    'openmetadata.clusterName': () => (env.openmetadata = { clusterName: 'openmetadata' }),
    'openmetadata.prefix': () => (env.openmetadata = { prefix: 'om-' }),
    'backend.path': () => (env.backend = { type: 'local', path: 'state/dev.tfstate' }),
    'backend.key': () => (env.backend = { ...AZURERM_BACKEND, key: 'om/dev.tfstate' }),
    'backend.subscriptionId': () => (env.backend = { ...AZURERM_BACKEND, subscriptionId: SUBSCRIPTION }),
    'backend.workspaceTags': () => (env.backend = { type: 'cloud', organization: 'acme', workspaceTags: ['openmetadata'] }),
    'policy.suppressions': () => (env.policy = { suppressions: [{ rule: 'OMKV-KV7', reason: 'no workspace in this test' }] }),
    'principals.server.owners': () =>
      (env.principals.server = { auth: 'client-secret', namespace: 'openmetadata', owners: [SUBSCRIPTION] }),
    'principals.ingestion.owners': () =>
      (env.principals.ingestion = { auth: 'client-secret', namespace: 'airflow', owners: [SUBSCRIPTION] }),
    ...Object.fromEntries(
      (['server', 'ingestion'] as const).flatMap((role) =>
        ['identity', 'federatedCredential', 'roleAssignment', 'application', 'servicePrincipal'].map((key) => [
          `adopt.${role}.${key}`,
          () => adoptPrincipal(env, role, key === 'application' || key === 'servicePrincipal'),
        ]),
      ),
    ),
    'principals.server.name': () => (env.principals.server.name = 'id-om-server'),
    'principals.ingestion.name': () => (env.principals.ingestion.name = 'id-om-ingestion'),
  };
  const key = [`${root}.${field}`, `${root}.${field}.${path[2]}`, shown(path)].find((k) => prepare[k]);
  if (key) prepare[key]();
  else if (root === 'backend')
    env.backend = ['storageAccountName', 'containerName', 'resourceGroupName'].includes(field as string)
      ? { ...AZURERM_BACKEND }
      : { type: 'cloud', organization: 'acme', workspace: 'om-dev', project: 'Data Platform', hostname: 'tfe.example.com' };
  if (value !== undefined) {
    let here = env;
    for (const step of path.slice(0, -1)) here = here[step];
    const last = path[path.length - 1];
    if (last === '*key*') {
      const [old] = Object.keys(here);
      here[value] = here[old];
      delete here[old];
    } else {
      here[last] = value;
    }
  }
  return env;
}

/** The valid value at `path` that hostile pieces are put into, just before its last character (inside the last name of an ID). */
function sampleAt(path: Path): string {
  let here: any = environmentAt(path);
  for (const step of path.slice(0, -1)) here = here[step];
  const last = path[path.length - 1];
  const sample = last === '*key*' ? Object.keys(here)[0] : here[last];
  if (typeof sample !== 'string') throw new Error(`no sample value for ${shown(path)}: add one to environmentAt`);
  return sample;
}
const withPieces = (sample: string, pieces: readonly Piece[], at = sample.length - 1) =>
  sample.slice(0, at) + pieces.map((p) => PIECES[p]).join('') + sample.slice(at);

const accepted = (env: Record<string, any>) => {
  try {
    parse({ environments: { test: env } });
    return true;
  } catch {
    return false;
  }
};

/**
 * The free-text fields: what each accepts of the pieces (its rule refuses the rest: Azure's for tag
 * names, OpenMetadata's item format for secret tags) and where Terraform must show the value.
 */
interface FreeText {
  readonly accepts: readonly Piece[];
  /** Where in the sample the pieces go. @default - before its last character */
  readonly at?: (sample: string) => number;
  /** Where the evaluated stack holds exactly what was written (evaluated = terraform's values, by output name). */
  readonly holds: (evaluated: Record<string, any>, value: string) => void;
}
const tagged = (evaluated: Record<string, any>) => evaluated.resource__azurerm_resource_group__ResourceGroup.tags;
/** A secret tag item in SECRET_MANAGER_TAGS (chart form, quoted items) and in the chart values' tags list. */
function secretTagHeld(evaluated: Record<string, any>, item: string): void {
  expect(evaluated.output__server_env.SECRET_MANAGER_TAGS).toContain(JSON.stringify(item));
  expect(parseYaml(evaluated.output__helm_values_openmetadata).openmetadata.config.secretsManager.tags).toContain(item);
}
const FREE_TEXT: Record<string, FreeText> = {
  'tags.*key*': {
    accepts: ['quote', 'interpolation', 'dollar', 'brace'],
    holds: (e, v) => expect(Object.keys(tagged(e))).toContain(v),
  },
  'tags.k': {
    accepts: ['quote', 'backslash', 'interpolation', 'directive', 'dollar', 'brace'],
    holds: (e, v) => expect(tagged(e).k).toBe(v),
  },
  'openmetadata.secretTags.*key*': {
    accepts: ['quote', 'backslash', 'interpolation', 'dollar', 'brace'],
    holds: (e, v) => secretTagHeld(e, `${v}:data`),
  },
  'openmetadata.secretTags.k': {
    accepts: ['quote', 'backslash', 'interpolation', 'dollar', 'brace'],
    holds: (e, v) => secretTagHeld(e, `k:${v}`),
  },
  'kubernetes.configPath': {
    accepts: ['quote', 'backslash', 'interpolation', 'directive', 'dollar', 'brace'],
    holds: (e, v) => expect(e.provider__kubernetes__0.config_path).toBe(v),
  },
  'kubernetes.configContext': {
    accepts: ['quote', 'backslash', 'interpolation', 'directive', 'dollar', 'brace'],
    holds: (e, v) => expect(e.provider__kubernetes__0.config_context).toBe(v),
  },
  'backend.path': {
    // In the folder name: the file must end in .tfstate.
    at: (sample) => sample.indexOf('/'),
    accepts: ['quote', 'interpolation', 'directive', 'dollar', 'brace'],
    holds: (e, v) => expect(e.backend__local.path).toBe(posix.join('../../..', v)),
  },
  'backend.key': {
    accepts: ['quote', 'interpolation', 'directive', 'dollar', 'brace'],
    holds: (e, v) => expect(e.backend__azurerm.key).toBe(v),
  },
  // Printed in the policy report only; never part of the stack.
  'policy.suppressions.0.reason': { accepts: ['quote', 'backslash', 'interpolation', 'directive', 'dollar', 'brace'], holds: () => {} },
};

test('the walk finds the schema string fields, free text among them', () => {
  expect(PATHS.length).toBeGreaterThan(40);
  for (const field of Object.keys(FREE_TEXT)) expect(PATHS.map(shown)).toContain(field);
});

describe.each(PATHS.filter((p) => !(shown(p) in FREE_TEXT)).map((p) => [shown(p), p] as const))('%s', (_name, path) => {
  const sample = sampleAt(path);

  test('has a valid sample value', () => {
    expect(accepted(environmentAt(path, sample))).toBe(true);
  });

  test.each(ALL.filter((p) => p !== 'dollar'))('refuses a %s inside an otherwise valid value, naming the field', (piece) => {
    const env = environmentAt(path, withPieces(sample, [piece]));
    const at = path[path.length - 1] === '*key*' ? path.slice(0, -1) : path;
    const field = `environments.test.${at
      .map((p) => (typeof p === 'number' ? `[${p}]` : p))
      .join('.')
      .replace(/\.\[/g, '[')}`;
    expect(problemsOf({ environments: { test: env } }).some((line) => line.startsWith(field))).toBe(true);
  });
});

describe.each(Object.entries(FREE_TEXT))('free text %s', (name, field) => {
  const path = PATHS.find((p) => shown(p) === name) as Path;
  const sample = sampleAt(path);
  test.each(ALL)('takes or refuses a %s as its rule says', (piece) => {
    expect(accepted(environmentAt(path, withPieces(sample, [piece], field.at?.(sample))))).toBe(field.accepts.includes(piece));
  });
});

const version = terraformVersion();
if (!version)
  console.log('config text: the Terraform round trip is skipped, no terraform binary on the PATH (the rule checks above still ran)');

(version ? describe : describe.skip)(`free text read back by terraform ${version}`, () => {
  // Every free-text field with every piece it takes, in two environments (a stack has one backend).
  const fields = Object.entries(FREE_TEXT).map(([name, f]) => {
    const path = PATHS.find((p) => shown(p) === name) as Path;
    const sample = sampleAt(path);
    return { name, value: withPieces(sample, f.accepts, f.at?.(sample)), holds: f.holds };
  });
  const v = Object.fromEntries(fields.map((f) => [f.name, f.value]));
  const environments = {
    text: {
      ...baseEnvironment(),
      tags: { [v['tags.*key*']]: 'data', k: v['tags.k'] },
      openmetadata: { secretTags: { [v['openmetadata.secretTags.*key*']]: 'data', k: v['openmetadata.secretTags.k'] } },
      kubernetes: { configPath: v['kubernetes.configPath'], configContext: v['kubernetes.configContext'] },
      backend: { type: 'local', path: v['backend.path'] },
      policy: { suppressions: [{ rule: 'OMKV-KV7', reason: v['policy.suppressions.0.reason'] }] },
    },
    blob: { ...distinctEnvironment('blob'), backend: { ...AZURERM_BACKEND, key: v['backend.key'] } },
  };
  const inStack = (name: string) => (name === 'backend.key' ? 'blob' : 'text');
  const config = parse({ environments });
  const stacks = Object.entries(config.environments).map(([name, environment]) => {
    const stack = new OpenMetadataKeyVaultStack(Testing.app(), name, { environment });
    const json = JSON.parse(Testing.synth(stack));
    const hcl = repairTerraformBlock(stack.toHclTerraform().hcl, stack.requiredVersion);
    return { name, json, hcl, report: formatReport(stack.policyReport()) };
  });
  const evaluated = Promise.all(
    stacks.map(async (s) => ({ ...s, fromJson: await evaluateJsonStack(s.json), fromHcl: await evaluateHclStack(s.hcl) })),
  );

  test.each(fields.filter((f) => f.name !== 'policy.suppressions.0.reason').map((f) => [f.name, f] as const))(
    '%s comes back byte for byte from the JSON and from --hcl',
    async (_name, f) => {
      const stack = (await evaluated).find((s) => s.name === inStack(f.name));
      f.holds(stack?.fromJson ?? {}, f.value);
      f.holds(stack?.fromHcl ?? {}, f.value);
    },
  );

  test('the JSON and the HCL of each stack read as the same values', async () => {
    for (const s of await evaluated) expect(blocksUnwrapped(s.fromHcl)).toEqual(blocksUnwrapped(s.fromJson));
  });

  test('nothing was evaluated: every INJECTED and DIRECTIVE is still inside the text that would have run it', async () => {
    /** Every string in a value, keys included, and in the YAML documents it holds (the Helm values). */
    const yamlIn = (text: string): unknown => {
      try {
        const parsed = parseYaml(text);
        return parsed !== null && typeof parsed === 'object' ? parsed : undefined;
      } catch {
        return undefined;
      }
    };
    const strings = (v: unknown): string[] => {
      if (typeof v === 'string') {
        const document = yamlIn(v);
        return document === undefined ? [v] : strings(document);
      }
      if (Array.isArray(v)) return v.flatMap(strings);
      if (v !== null && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => [k, ...strings(x)]);
      return [];
    };
    let seen = 0;
    for (const s of await evaluated) {
      for (const text of [...strings(s.fromJson), ...strings(s.fromHcl)]) {
        const bare = text.replaceAll(PIECES.interpolation, '').replaceAll(PIECES.directive, '');
        if (bare !== text) seen++;
        expect(bare).not.toMatch(/INJECTED|DIRECTIVE/);
      }
    }
    expect(seen).toBeGreaterThan(10);
  });

  test('the reported exploit, a secret tag that closed the yamlencode literal to read a file, comes back as the tag it is', async () => {
    const tags = { 'x"=="x"?file("/etc/hostname")': '"y' };
    const stack = new OpenMetadataKeyVaultStack(Testing.app(), 'test', {
      environment: parse({ environments: { test: { ...baseEnvironment(), openmetadata: { secretTags: tags } } } }).environments.test,
    });
    const got = await evaluateJsonStack(JSON.parse(Testing.synth(stack)));
    expect(parseYaml(got.output__helm_values_openmetadata as string).openmetadata.config.secretsManager.tags).toEqual([
      'x"=="x"?file("/etc/hostname"):"y',
    ]);
  });

  test('the reason of a suppression reaches no stack, and is reported as written', () => {
    const reason = v['policy.suppressions.0.reason'];
    const text = stacks.find((s) => s.name === 'text');
    expect(JSON.stringify(text?.json)).not.toContain(JSON.stringify(reason).slice(1, -1));
    expect(text?.report).toContain(`reason: ${reason}`);
  });
});

describe('expression text holds only literals hclString wrote', () => {
  const stackWith = (value: unknown) => {
    const stack = new OpenMetadataKeyVaultStack(Testing.app(), 'test', {
      environment: parse({ environments: { test: baseEnvironment() } }).environments.test,
    });
    new TerraformOutput(stack, 'extra', { value });
    return stack;
  };

  test('fails the synth when code puts a literal into an expression another way', () => {
    expect(() => Testing.synth(stackWith(Fn.join('-', ['a', 'b'])))).toThrow(UnescapedLiteralError);
  });

  test('takes the same literal written by hclString', () => {
    const json = JSON.parse(Testing.synth(stackWith(Fn.join(hclString('"x"'), [hclString('a'), hclString('b')]))));
    expect(json.output.extra.value).toBe('${join("\\"x\\"", ["a", "b"])}');
  });
});
