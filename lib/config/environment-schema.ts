import { z } from 'zod';
import { MAX_APPLICATION_OWNERS, OPENMETADATA_DEFAULT_CLUSTER_NAME } from '../facts/azure-facts';
import { RULE_IDS } from '../policy/rule-ids';
import { quoted } from '../facts/message-text';
import * as rules from '../facts/naming-rules';
import { DEFAULT_TFC_HOSTNAME, federatedCredentialName, PrincipalRole, secretNameHead } from '../facts/resource-names';
import { OPENMETADATA_CHARTS } from '../facts/openmetadata-charts';
import { CLIENT_SECRET_LIFETIME_DAYS, SOFT_DELETE_RETENTION_DAYS, VAULT_DEFAULTS } from '../facts/secure-defaults';
import { adoptSchema } from './adopt-schema';
import { resolvePrincipals } from './principal-plan';
import { closedObject, flag, ruled, WHEN_VALID, wholeNumber } from './schema-builders';

/**
 * The schema of one environment in the configuration file. Every value a user can get wrong is checked here, before any
 * construct exists, so a bad file never produces half a stack. Messages are written to follow
 * "expected ...": the loader prefixes the path and the value it received.
 */

function oneOf<const T extends readonly [string, ...string[]]>(values: T, description: string) {
  return z.enum(values, { error: () => `expected one of ${values.map((v) => JSON.stringify(v)).join(', ')}` }).meta({ description });
}

/** `keysIgnoreCase`: what reads the map takes two keys that differ only in case as one (Azure tag names). */
function stringMap(key: rules.Rule, value: rules.Rule, maxEntries: number, description: string, keysIgnoreCase = false) {
  return z
    .record(z.string(), z.string({ error: () => 'expected a string value (quote numbers and booleans)' }), {
      error: () => 'expected a mapping of names to string values',
    })
    .superRefine((map, ctx) => {
      const entries = Object.entries(map);
      if (entries.length > maxEntries) {
        ctx.addIssue({ code: 'custom', message: `expected at most ${maxEntries} entries (got ${entries.length})` });
      }
      const seen = new Map<string, string>();
      for (const [k, v] of entries) {
        const earlier = seen.get(k.toLowerCase());
        if (keysIgnoreCase && earlier !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [k],
            message: `expected names that differ in more than case: Azure takes ${JSON.stringify(earlier)} and ${JSON.stringify(k)} as one tag`,
          });
        }
        seen.set(k.toLowerCase(), k);
        const badKey = key(k);
        if (badKey) ctx.addIssue({ code: 'custom', path: [k], message: `expected the key to be ${badKey}` });
        const badValue = value(v);
        if (badValue) ctx.addIssue({ code: 'custom', path: [k], message: `expected ${badValue}` });
      }
    })
    .meta({ description });
}

const networkSchema = closedObject({
  defaultAction: oneOf(
    ['Deny', 'Allow'],
    `What happens to traffic no rule allows. Default ${VAULT_DEFAULTS.network.defaultAction}.`,
  ).default(VAULT_DEFAULTS.network.defaultAction),
  bypassAzureServices: flag(
    `Let trusted Azure services through the firewall. Default ${VAULT_DEFAULTS.network.bypassAzureServices}.`,
  ).default(VAULT_DEFAULTS.network.bypassAzureServices),
  allowedIpRanges: z
    .array(ruled(rules.ipRule, 'A public IPv4 address or CIDR range.', rules.IP_RULE_PATTERN), {
      error: () => 'expected a list of IPv4 addresses or CIDR ranges',
    })
    .max(1000, { error: () => 'expected at most 1000 IP rules' })
    .default([])
    .meta({ description: 'Public IPv4 addresses or CIDR ranges allowed through the vault firewall.' }),
  allowedSubnetIds: z
    .array(ruled(rules.subnetId, 'A subnet resource ID.', rules.SUBNET_ID_PATTERN), {
      error: () => 'expected a list of subnet resource IDs',
    })
    .max(200, { error: () => 'expected at most 200 subnet rules' })
    .default([])
    .meta({ description: 'Subnets (e.g. the AKS node subnet, with the Microsoft.KeyVault service endpoint) allowed through.' }),
});

const NEW_VAULT_KEYS = [
  'sku',
  'softDeleteRetentionDays',
  'purgeProtection',
  'publicNetworkAccess',
  'network',
  'privateEndpoint',
  'diagnostics',
  'lock',
] as const;

const privateEndpointSchema = closedObject({
  location: ruled(
    rules.azureLocation,
    "Region of the subnet's virtual network, where the endpoint must be created. Default: read from the virtual network at plan; required when the subnet is in another subscription, which the stack cannot read.",
  ).optional(),
  subnetId: ruled(rules.subnetId, 'Subnet the private endpoint gets its address in.', rules.SUBNET_ID_PATTERN),
  privateDnsZoneId: ruled(
    rules.privateDnsZoneId,
    'The privatelink.vaultcore.azure.net zone the endpoint registers in.',
    rules.PRIVATE_DNS_ZONE_ID_PATTERN,
  ),
});

const diagnosticsSchema = closedObject({
  logAnalyticsWorkspaceId: ruled(
    rules.logAnalyticsWorkspaceId,
    "Where the vault's logs and metrics go.",
    rules.LOG_ANALYTICS_WORKSPACE_ID_PATTERN,
  ),
  logs: oneOf(['audit', 'allLogs'], 'Log category group: audit (every data-plane access) or allLogs. Default audit.').default('audit'),
});

const keyVaultSchema = closedObject({
  name: ruled(
    rules.keyVaultName,
    'Name of a new vault to create (globally unique): 3-24 of letters, digits and hyphens, starting with a letter, no "--". Either name or existingId.',
    '^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$',
  ).optional(),
  existingId: ruled(
    rules.keyVaultId,
    "Resource ID of an existing vault (in the environment's subscription) to use instead of creating one: no new-vault settings with it.",
  ).optional(),
  // Defaults applied in the transform below (a new vault only): stated as JSON Schema defaults.
  sku: oneOf(['standard', 'premium'], `Vault SKU. Default ${VAULT_DEFAULTS.sku}.`).optional().meta({ default: VAULT_DEFAULTS.sku }),
  softDeleteRetentionDays: wholeNumber(
    SOFT_DELETE_RETENTION_DAYS.min,
    SOFT_DELETE_RETENTION_DAYS.max,
    `Days a deleted secret can be recovered. Set once. Default ${VAULT_DEFAULTS.softDeleteRetentionDays}.`,
  )
    .optional()
    .meta({ default: VAULT_DEFAULTS.softDeleteRetentionDays }),
  purgeProtection: flag(
    `Forbid purging deleted secrets before retention ends. Cannot be undone. Default ${VAULT_DEFAULTS.purgeProtection}.`,
  )
    .optional()
    .meta({ default: VAULT_DEFAULTS.purgeProtection }),
  publicNetworkAccess: flag(
    `Reachable over its public endpoint (subject to network rules). Default ${VAULT_DEFAULTS.publicNetworkAccess}, or false with a privateEndpoint.`,
  ).optional(),
  network: networkSchema.meta({ description: 'The vault firewall.' }).optional(),
  privateEndpoint: privateEndpointSchema
    .optional()
    .meta({ description: 'A private endpoint for the vault; publicNetworkAccess is then off unless set.' }),
  diagnostics: diagnosticsSchema.optional().meta({ description: 'Diagnostic settings: audit logs and AllMetrics to Log Analytics.' }),
  lock: flag(`A CanNotDelete management lock on the vault. Default ${VAULT_DEFAULTS.lock} (needs Owner or User Access Administrator).`)
    .optional()
    .meta({ default: VAULT_DEFAULTS.lock }),
})
  .superRefine((kv, ctx) => {
    if (kv.name === undefined && kv.existingId === undefined) {
      ctx.addIssue({ code: 'custom', message: 'expected either name (create a vault) or existingId (use one)' });
    }
    if (kv.name !== undefined && kv.existingId !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['existingId'], message: 'expected only one of name and existingId' });
    }
    if (kv.existingId !== undefined) {
      for (const key of NEW_VAULT_KEYS) {
        if (kv[key] !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: 'expected no settings for a new vault together with existingId (an existing vault is not changed)',
          });
        }
      }
    }
  }, WHEN_VALID)
  .transform((kv): VaultSettings => {
    if (kv.existingId !== undefined) return { existingId: kv.existingId };
    return {
      name: kv.name as string,
      sku: kv.sku ?? VAULT_DEFAULTS.sku,
      softDeleteRetentionDays: kv.softDeleteRetentionDays ?? VAULT_DEFAULTS.softDeleteRetentionDays,
      purgeProtection: kv.purgeProtection ?? VAULT_DEFAULTS.purgeProtection,
      // A private endpoint exists to take the vault off the public network.
      publicNetworkAccess: kv.publicNetworkAccess ?? (VAULT_DEFAULTS.publicNetworkAccess && kv.privateEndpoint === undefined),
      network: kv.network ?? { ...VAULT_DEFAULTS.network, allowedIpRanges: [], allowedSubnetIds: [] },
      privateEndpoint: kv.privateEndpoint,
      diagnostics: kv.diagnostics,
      lock: kv.lock ?? VAULT_DEFAULTS.lock,
    };
  });

const POD_IDENTITY_RETIRED =
  'expected "workload-identity" or "client-secret": AAD Pod Identity is retired upstream (deprecated 2022-10, ' +
  'AKS add-on support ended 2025-09). Switch to auth: workload-identity with the namespace and serviceAccount ' +
  'of the pods, and enable the OIDC issuer and workload identity on the AKS cluster';

function principalSchema(role: PrincipalRole) {
  const shape = {
    auth: z
      .enum(['workload-identity', 'client-secret'], {
        error: (issue) =>
          issue.input === 'pod-identity' || issue.input === 'aad-pod-identity'
            ? POD_IDENTITY_RETIRED
            : 'expected "workload-identity" or "client-secret"',
      })
      .optional()
      .meta({ description: 'workload-identity (managed identity + AKS Workload Identity) or client-secret (app registration).' }),
    name: z
      .string({ error: () => 'expected a string' })
      .optional()
      .meta({ description: 'Name of the managed identity or app registration. Default derived from clusterName and environment.' }),
    namespace: ruled(
      rules.kubernetesNamespace,
      'Kubernetes namespace the pods run in: the service account (workload-identity) or the credentials Secret (client-secret) goes there.',
      '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$',
    ).optional(),
    serviceAccount: ruled(
      rules.kubernetesServiceAccountName,
      "Kubernetes service account the pods run as: required with workload-identity, refused otherwise; ingestion's must differ from the server's unless sameAs: server.",
    ).optional(),
    // The construct applies the default (ClientSecretPrincipal): stated as a JSON Schema default.
    secretRotationDays: wholeNumber(
      CLIENT_SECRET_LIFETIME_DAYS.min,
      CLIENT_SECRET_LIFETIME_DAYS.max,
      `Lifetime of each client secret in days (client-secret only); a change takes effect at each secret's next rotation. Default ${CLIENT_SECRET_LIFETIME_DAYS.default}.`,
    )
      .optional()
      .meta({ default: CLIENT_SECRET_LIFETIME_DAYS.default }),
    owners: z
      .array(ruled(rules.guid, 'Object ID of a user or service principal.', rules.GUID_PATTERN), {
        error: () => 'expected a list of object IDs (GUIDs)',
      })
      .max(MAX_APPLICATION_OWNERS - 1, {
        error: () => `expected at most ${MAX_APPLICATION_OWNERS - 1} owners (the deployer is always one)`,
      })
      .optional()
      .meta({
        description:
          'client-secret: object IDs of users or service principals that co-own the app registration, besides whoever runs Terraform (always an owner). List every identity that applies this stack.',
      }),
    ...(role === 'ingestion'
      ? {
          sameAs: oneOf(
            ['server'],
            "server: the server's principal serves ingestion too (it keeps the server role); no auth or name of its own. Only with managed-azure-kv.",
          ).optional(),
        }
      : {}),
  };
  return closedObject(shape).superRefine((p, ctx) => {
    const sameAs = (p as { sameAs?: string }).sameAs;
    const bad = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (sameAs !== undefined) {
      // What the shared principal may add depends on the server's auth: checked with the environment.
      if (p.auth !== undefined) bad('auth', "expected no auth with sameAs: server (the shared principal uses the server's)");
      if (p.name !== undefined) bad('name', "expected no name with sameAs: server (the shared principal is the server's)");
      if (p.secretRotationDays !== undefined) bad('secretRotationDays', 'expected no secretRotationDays with sameAs: server');
      if (p.owners !== undefined) bad('owners', "expected no owners with sameAs: server (the shared app registration is the server's)");
      return;
    }
    if (p.auth === undefined) {
      if (role === 'ingestion') bad('auth', 'expected "workload-identity" or "client-secret", or sameAs: server');
      // A server without auth is right for azure-kv only: checked with the environment.
      else if (p.namespace === undefined) bad('namespace', 'expected the Kubernetes namespace of the OpenMetadata server');
      return;
    }
    if (p.auth === 'workload-identity') {
      if (p.namespace === undefined) bad('namespace', 'expected the Kubernetes namespace of the pods (required for workload-identity)');
      if (p.serviceAccount === undefined) {
        bad('serviceAccount', 'expected the Kubernetes service account of the pods (required for workload-identity)');
      }
      if (p.secretRotationDays !== undefined)
        bad('secretRotationDays', 'expected no secretRotationDays with workload-identity (there is no secret)');
      if (p.owners !== undefined) bad('owners', 'expected no owners with workload-identity (a managed identity has no app registration)');
      if (p.name !== undefined && rules.managedIdentityName(p.name)) bad('name', `expected ${rules.managedIdentityName(p.name)}`);
    } else {
      if (role === 'server' && p.namespace === undefined) {
        bad('namespace', 'expected the Kubernetes namespace of the OpenMetadata server (its credentials Secret goes there)');
      }
      if (p.serviceAccount !== undefined) bad('serviceAccount', 'expected no serviceAccount with client-secret (nothing is federated)');
      if (p.name !== undefined && rules.applicationDisplayName(p.name)) bad('name', `expected ${rules.applicationDisplayName(p.name)}`);
    }
  }, WHEN_VALID);
}

const openmetadataSchema = closedObject({
  secretsManager: oneOf(
    ['managed-azure-kv', 'azure-kv'],
    'managed-azure-kv: the server keeps connection secrets in the vault (Secrets Officer). azure-kv: the server keeps them in its database and never calls the vault; only ingestion reads secrets you put there yourself (Secrets User).',
  ).default('managed-azure-kv'),
  pipelineClient: oneOf(
    ['airflow', 'k8s'],
    "How the server runs ingestion: airflow (chart openmetadata-dependencies) or k8s (Kubernetes Jobs in the server's namespace: needs a client-secret ingestion principal, since the job pods cannot carry the workload identity label). Default airflow.",
  ).default('airflow'),
  clusterName: ruled(
    rules.secretNameSegment,
    'OPENMETADATA_CLUSTER_NAME: part of every secret name; letters, digits and hyphens, starting and ending with a letter or digit. Default openmetadata.',
  ).default(OPENMETADATA_DEFAULT_CLUSTER_NAME),
  prefix: ruled(
    rules.secretNamePrefix,
    'SECRET_MANAGER_PREFIX: put before the cluster name in every secret name, with nothing between (end it with "-" for a separator); letters, digits and hyphens, prefix and cluster name together at most 64 characters. Two environments in one vault must not write overlapping names. Only with managed-azure-kv. Default none.',
    '^[a-zA-Z0-9-]*$',
  ).default(''),
  secretTags: stringMap(
    rules.secretTagText,
    rules.secretTagText,
    15,
    'SECRET_MANAGER_TAGS: tags put on every secret OpenMetadata writes; no : , [ ] or spaces (sent as ["key:value",...], the chart\'s form). Only with managed-azure-kv.',
  ).default({}),
});

const backendSchema = z
  .discriminatedUnion(
    'type',
    [
      closedObject({
        type: z.literal('local').meta({ description: 'State in a local file.' }),
        path: ruled(
          rules.relativeStatePath,
          'State file, relative to the project root. Default terraform.<environment>.tfstate.',
        ).optional(),
      }),
      closedObject({
        type: z.literal('azurerm').meta({ description: 'State in an Azure storage blob.' }),
        storageAccountName: ruled(rules.storageAccountName, 'Storage account holding the state (Entra ID auth, no access keys).'),
        containerName: ruled(rules.storageContainerName, 'Blob container.'),
        key: ruled(rules.blobName, 'Blob name. Default openmetadata/<environment>.tfstate.').optional(),
        resourceGroupName: ruled(rules.resourceGroupName, 'Resource group of the storage account.'),
        subscriptionId: ruled(rules.guid, "Subscription of the storage account. Default the environment's.", rules.GUID_PATTERN).optional(),
      }),
      closedObject({
        type: z.literal('cloud').meta({ description: 'State and runs in Terraform Cloud or Enterprise.' }),
        organization: ruled(rules.tfcOrganization, 'Terraform Cloud / Enterprise organization.'),
        workspace: ruled(rules.tfcWorkspace, 'Workspace name (one per environment).').optional(),
        workspaceTags: z
          .array(ruled(rules.tfcTag, 'Workspace tag.'), { error: () => 'expected a list of workspace tags' })
          .min(1, { error: () => 'expected at least one tag' })
          .optional()
          .meta({ description: 'Select the workspace by tags instead of by name.' }),
        project: ruled(rules.tfcProject, 'Terraform Cloud project of the workspace.').optional(),
        hostname: ruled(rules.hostname, `Terraform Enterprise hostname. Default ${DEFAULT_TFC_HOSTNAME}.`)
          .optional()
          .meta({ default: DEFAULT_TFC_HOSTNAME }),
      }).superRefine((b, ctx) => {
        if ((b.workspace === undefined) === (b.workspaceTags === undefined)) {
          ctx.addIssue({
            code: 'custom',
            path: [b.workspace === undefined ? 'workspace' : 'workspaceTags'],
            message: 'expected exactly one of workspace (a name) and workspaceTags',
          });
        }
      }, WHEN_VALID),
    ],
    { error: (issue) => (issue.code === 'invalid_union' ? 'expected the backend type "local", "azurerm" or "cloud"' : undefined) },
  )
  .meta({ description: 'Where Terraform keeps the state of this environment. Default local.' });

const aksSchema = closedObject({
  oidcIssuerUrl: ruled(
    rules.httpsUrl,
    "The AKS cluster's OIDC issuer URL (az aks show --query oidcIssuerProfile.issuerUrl).",
    '^https://',
  ).optional(),
  name: ruled(
    rules.aksClusterName,
    'Name of the AKS cluster: read with a data source, the plan fails if its OIDC issuer is off.',
  ).optional(),
  resourceGroup: ruled(rules.resourceGroupName, 'Resource group of the AKS cluster.').optional(),
}).superRefine((aks, ctx) => {
  if (aks.oidcIssuerUrl !== undefined && (aks.name !== undefined || aks.resourceGroup !== undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: ['oidcIssuerUrl'],
      message: 'expected either oidcIssuerUrl or the cluster name and resourceGroup, not both',
    });
  } else if ((aks.name === undefined) !== (aks.resourceGroup === undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: [aks.name === undefined ? 'name' : 'resourceGroup'],
      message: 'expected name and resourceGroup together',
    });
  }
}, WHEN_VALID);

const kubernetesSchema = closedObject({
  manage: flag(
    'true: create the service accounts and Secrets through the kubernetes provider. false: no provider; their manifests are outputs (GitOps). Default true.',
  ).default(true),
  source: oneOf(
    ['kubeconfig', 'aks'],
    'Where the kubernetes provider gets its credentials: a kubeconfig file, or the cluster named in aks. Default kubeconfig.',
  ).default('kubeconfig'),
  configPath: ruled(rules.plainText, 'kubeconfig (source kubeconfig). Default ~/.kube/config.').optional(),
  configContext: ruled(rules.plainText, 'kubeconfig context (source kubeconfig). Default the current context.').optional(),
  aksCredentials: oneOf(
    ['exec', 'client-certificate', 'admin-certificate'],
    'source aks: exec (kubelogin, Entra ID clusters), client-certificate (clusters without Entra ID), admin-certificate (local admin account). Default exec.',
  )
    .optional()
    .meta({ default: 'exec' }),
  kubeloginMode: oneOf(
    ['azurecli', 'workloadidentity', 'spn', 'msi'],
    'aksCredentials exec: how kubelogin signs in (azurecli on a workstation, workloadidentity for OIDC in CI). Default azurecli.',
  )
    .optional()
    .meta({ default: 'azurecli' }),
})
  .superRefine((k, ctx) => {
    const bad = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (k.source === 'aks') {
      if (k.configPath !== undefined) bad('configPath', 'expected no configPath with source aks (credentials come from the cluster)');
      if (k.configContext !== undefined) bad('configContext', 'expected no configContext with source aks');
    } else if (k.aksCredentials !== undefined) {
      bad('aksCredentials', 'expected no aksCredentials with source kubeconfig (set source: aks)');
    }
    if (k.kubeloginMode !== undefined && (k.source !== 'aks' || (k.aksCredentials ?? 'exec') !== 'exec')) {
      bad('kubeloginMode', 'expected kubeloginMode only with source aks and aksCredentials exec');
    }
  }, WHEN_VALID)
  .transform((k) =>
    k.source === 'aks'
      ? {
          manage: k.manage,
          source: 'aks' as const,
          aksCredentials: k.aksCredentials ?? ('exec' as const),
          kubeloginMode: k.kubeloginMode ?? ('azurecli' as const),
        }
      : { manage: k.manage, source: 'kubeconfig' as const, configPath: k.configPath ?? '~/.kube/config', configContext: k.configContext },
  );

export const environmentSchema = closedObject({
  tenantId: ruled(rules.guid, 'Entra ID tenant (directory) ID.', rules.GUID_PATTERN),
  subscriptionId: ruled(rules.guid, 'Azure subscription ID for the vault and the identities.', rules.GUID_PATTERN),
  location: ruled(rules.azureLocation, 'Azure region, e.g. westeurope.'),
  resourceGroup: ruled(
    rules.resourceGroupName,
    'Resource group for the vault and the identities: 1-90 of letters, digits, _ ( ) - ., not ending in a period.',
  ),
  existingResourceGroup: flag('true: the resource group exists and is not managed here. Default false.').default(false),
  registerResourceProviders: flag(
    'true: azurerm registers the resource providers this stack uses, if they are not yet (needs <namespace>/register/action on the subscription). false: it checks and registers none. Default true.',
  ).default(true),
  tags: stringMap(
    rules.azureTagName,
    rules.azureTagValue,
    50,
    'Tags applied to every Azure resource the stack creates (names are case-insensitive in Azure).',
    true,
  ).default({}),
  keyVault: keyVaultSchema.meta({ description: 'The vault: a new one (name), hardened by default, or an existing one (existingId).' }),
  openmetadata: openmetadataSchema
    .meta({ description: 'How OpenMetadata uses the vault: its secrets manager, pipeline client and secret names.' })
    .prefault({}),
  aks: aksSchema.meta({ description: 'The AKS cluster: its OIDC issuer URL, or its name and resource group to read it from.' }).optional(),
  kubernetes: kubernetesSchema
    .meta({ description: 'Where the service accounts and Secrets go: a cluster the stack writes to, or manifests as outputs.' })
    .prefault({}),
  backend: backendSchema.prefault({ type: 'local' }),
  policy: closedObject({
    suppressions: z
      .array(
        closedObject({
          rule: z
            .string({ error: () => 'expected a policy rule ID such as OMKV-KV6' })
            .refine((id) => (RULE_IDS as readonly string[]).includes(id), {
              error: () => `expected one of the policy rule IDs ${RULE_IDS.join(', ')}`,
            })
            .meta({ description: 'ID of the policy rule to suppress, e.g. OMKV-KV6.', enum: [...RULE_IDS] }),
          reason: z
            .string({ error: () => 'expected a string: why this environment may break the rule' })
            .trim()
            .min(10, { error: () => 'expected a reason of at least 10 characters: why this environment may break the rule' })
            // Printed in every report, one line per finding: a line break would forge report lines.
            // eslint-disable-next-line no-control-regex -- control characters are what this refuses
            .refine((reason) => !/[\u0000-\u001f\u007f]/.test(reason), {
              error: () => 'expected a reason on one line, without control characters (it is printed in every report)',
            })
            .meta({ description: 'Why this environment may break the rule (listed at every synth).' }),
        }),
        { error: () => 'expected a list of {rule, reason}' },
      )
      .superRefine((list, ctx) => {
        const seen = new Set<string>();
        list.forEach((s, i) => {
          if (seen.has(s.rule)) ctx.addIssue({ code: 'custom', path: [i, 'rule'], message: 'expected each rule suppressed once' });
          seen.add(s.rule);
        });
      }, WHEN_VALID)
      .default([])
      .meta({ description: 'Policy rules this environment may break, each with its reason.' }),
  })
    .meta({ description: 'Policy checks: rules this environment may break.' })
    .prefault({}),
  adopt: adoptSchema.optional().meta({
    description:
      'What a hand-made setup already has, by import ID: the first plan imports it instead of creating it anew. Keep it in the config afterwards.',
  }),
  principals: closedObject({
    server: principalSchema('server').meta({ description: "The OpenMetadata server's principal." }),
    ingestion: principalSchema('ingestion').meta({ description: 'The principal of ingestion (Airflow or Kubernetes Jobs, and the CLI).' }),
  }).meta({ description: 'Who reads and writes the vault.' }),
})
  .superRefine((env, ctx) => {
    const bad = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const { server, ingestion } = env.principals;
    const shared = (ingestion as { sameAs?: string }).sameAs === 'server';
    const managed = env.openmetadata.secretsManager === 'managed-azure-kv';
    const usesWorkloadIdentity = (managed && server.auth === 'workload-identity') || (!shared && ingestion.auth === 'workload-identity');
    if (managed && server.auth === undefined) {
      bad(
        ['principals', 'server', 'auth'],
        'expected "workload-identity" or "client-secret": with managed-azure-kv the server reads and writes the vault',
      );
    }
    if (!managed) {
      // openmetadata-service SecretsManagerFactory maps azure-kv (like aws, aws-ssm) to the database
      // secrets manager: the server never calls the vault, so it gets no principal and no role.
      const why = 'with secretsManager azure-kv the server keeps its secrets in its database and never calls the vault';
      for (const key of ['auth', 'name', 'serviceAccount', 'secretRotationDays', 'owners'] as const) {
        if (server[key] !== undefined)
          bad(['principals', 'server', key], `expected no ${key}: ${why}, so it gets no principal (only namespace)`);
      }
      if (shared)
        bad(
          ['principals', 'ingestion', 'sameAs'],
          `expected an ingestion principal of its own: ${why}, so there is no server principal to share`,
        );
      if (env.openmetadata.prefix !== '')
        bad(['openmetadata', 'prefix'], `expected no prefix: ${why} and names no secret; name yours as you like`);
      if (Object.keys(env.openmetadata.secretTags).length > 0)
        bad(['openmetadata', 'secretTags'], `expected no secretTags: ${why} and tags no secret`);
      if (env.openmetadata.pipelineClient !== 'airflow') {
        bad(
          ['openmetadata', 'pipelineClient'],
          `expected no pipelineClient: ${why}, and hands the pipelines it runs the database provider, not the vault`,
        );
      }
    }
    const ingestionAuth = shared ? server.auth : ingestion.auth;
    if (managed && env.openmetadata.pipelineClient === 'k8s' && ingestionAuth !== 'client-secret') {
      bad(
        ['principals', 'ingestion', shared ? 'sameAs' : 'auth'],
        `expected client-secret ingestion with pipelineClient k8s: the Kubernetes pipeline client of chart openmetadata ${OPENMETADATA_CHARTS.version} cannot label its job pods, so workload identity never reaches them`,
      );
    }
    // Shared or its own: the ingestion namespace says where the dependencies chart goes.
    const k8sIngestion = managed && env.openmetadata.pipelineClient === 'k8s' && ingestionAuth === 'client-secret';
    if (k8sIngestion && ingestion.namespace !== undefined && ingestion.namespace !== server.namespace) {
      // chart openmetadata 1.13.1 templates/k8s-pipeline-rbac.yaml puts the jobs' account, Role and
      // RoleBinding in the server's release namespace, and K8S_NAMESPACE defaults to it.
      bad(
        ['principals', 'ingestion', 'namespace'],
        `expected no namespace, or the server's (${quoted(server.namespace as string)}): with pipelineClient k8s the ingestion Jobs run in the server's namespace, where the chart puts their account and RBAC`,
      );
    }
    if (usesWorkloadIdentity && !env.aks?.oidcIssuerUrl && !env.aks?.name) {
      bad(
        ['aks', 'oidcIssuerUrl'],
        'expected the AKS OIDC issuer URL (or the cluster name and resourceGroup): a principal uses workload-identity',
      );
    }
    if (env.kubernetes.manage && env.kubernetes.source === 'aks' && !env.aks?.name) {
      bad(['kubernetes', 'source'], 'expected aks.name and aks.resourceGroup: source aks reads the credentials from that cluster');
    }
    if (shared && server.auth === 'client-secret' && ingestion.serviceAccount !== undefined) {
      bad(
        ['principals', 'ingestion', 'serviceAccount'],
        'expected no serviceAccount: the shared server principal uses client-secret (nothing is federated)',
      );
    }
    if (shared && server.auth === 'workload-identity' && (ingestion.namespace === undefined) !== (ingestion.serviceAccount === undefined)) {
      bad(
        ['principals', 'ingestion', ingestion.namespace === undefined ? 'namespace' : 'serviceAccount'],
        "expected namespace and serviceAccount together (the Airflow pods' account, federated to the shared identity)",
      );
    }
    if (
      !shared &&
      server.auth === 'workload-identity' &&
      ingestion.auth === 'workload-identity' &&
      server.namespace === ingestion.namespace &&
      server.serviceAccount === ingestion.serviceAccount
    ) {
      bad(
        ['principals', 'ingestion', 'serviceAccount'],
        "expected a service account other than the server's (one account can carry only one identity); use sameAs: server to share it",
      );
    }
    if (shared && server.auth === 'workload-identity' && ingestion.serviceAccount !== undefined) {
      // One identity, two credentials: Entra ID refuses two credentials of one name on an identity.
      const namespace = ingestion.namespace ?? (server.namespace as string);
      const same = namespace === server.namespace && ingestion.serviceAccount === server.serviceAccount;
      const name = federatedCredentialName(undefined, namespace, ingestion.serviceAccount);
      if (!same && name === federatedCredentialName(undefined, server.namespace as string, server.serviceAccount as string)) {
        bad(
          ['principals', 'ingestion', 'serviceAccount'],
          `expected an account whose federated credential name differs from the server's (${server.namespace}/${server.serviceAccount}): ` +
            `both become <environment>-${name} on the shared identity, and Entra ID refuses the second`,
        );
      }
    }
    const privateEndpoint = 'existingId' in env.keyVault ? undefined : env.keyVault.privateEndpoint;
    if (privateEndpoint && privateEndpoint.location === undefined) {
      const subnetSubscription = (rules.parseSubnetId(privateEndpoint.subnetId) as rules.ParsedSubnetId).subscriptionId;
      if (subnetSubscription.toLowerCase() !== env.subscriptionId.toLowerCase()) {
        bad(
          ['keyVault', 'privateEndpoint', 'location'],
          `expected the region of the subnet's virtual network: the subnet is in subscription ${subnetSubscription}, which the stack cannot read (it reads ${env.subscriptionId})`,
        );
      }
    }
    if ('existingId' in env.keyVault) {
      const parsed = rules.parseKeyVaultId(env.keyVault.existingId);
      if (parsed && parsed.subscriptionId.toLowerCase() !== env.subscriptionId.toLowerCase()) {
        bad(['keyVault', 'existingId'], `expected a vault in subscription ${env.subscriptionId} (the environment's subscriptionId)`);
      }
    }
    const { prefix, clusterName } = env.openmetadata;
    const head = secretNameHead(prefix, clusterName);
    if (head.length > rules.MAX_SECRET_NAME_HEAD) {
      bad(
        ['openmetadata', prefix ? 'prefix' : 'clusterName'],
        `expected prefix and clusterName together at most ${rules.MAX_SECRET_NAME_HEAD} characters (got ${head.length}): secret names are capped at 127`,
      );
    }
  }, WHEN_VALID)
  // The principals resolved once, for every consumer (principal-plan.ts); the settings stay as written.
  .transform((env) => ({ ...env, principalPlan: resolvePrincipals(env.principals, env.openmetadata.secretsManager) }));

/** A new vault, hardened by default. */
export interface NewVaultSettings {
  readonly name: string;
  readonly privateEndpoint?: { readonly subnetId: string; readonly privateDnsZoneId: string; readonly location?: string };
  readonly diagnostics?: { readonly logAnalyticsWorkspaceId: string; readonly logs: 'audit' | 'allLogs' };
  readonly lock: boolean;
  readonly sku: 'standard' | 'premium';
  readonly softDeleteRetentionDays: number;
  readonly purgeProtection: boolean;
  readonly publicNetworkAccess: boolean;
  readonly network: {
    readonly defaultAction: 'Deny' | 'Allow';
    readonly bypassAzureServices: boolean;
    readonly allowedIpRanges: readonly string[];
    readonly allowedSubnetIds: readonly string[];
  };
}

/** A vault that exists already: only role assignments are added to it. */
export interface ExistingVaultSettings {
  readonly existingId: string;
}

export type VaultSettings = NewVaultSettings | ExistingVaultSettings;

export type EnvironmentConfig = z.output<typeof environmentSchema>;
