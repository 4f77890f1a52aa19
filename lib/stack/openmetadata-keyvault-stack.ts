import { posix } from 'path';
import { AzureadProvider } from '@cdktf/provider-azuread/lib/provider';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import type { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import {
  Aspects,
  AzurermBackend,
  CloudBackend,
  DefaultTokenResolver,
  LocalBackend,
  NamedCloudWorkspace,
  StringConcat,
  TaggedCloudWorkspaces,
  TerraformElement,
  TerraformProvider,
  TerraformStack,
  Tokenization,
} from 'cdktf';
import { Construct } from 'constructs';
import { EnvironmentConfig } from '../config/config-schema';
import { OwnPrincipalPlan, PrincipalPlan, principalName, SharedPrincipalPlan, unreachable, usesAuth } from '../config/principal-plan';
import { AksCluster } from '../constructs/aks-cluster';
import { AppendedBlock } from '../constructs/appended-block';
import { ClientSecretPrincipal } from '../constructs/client-secret-principal';
import { KubernetesObjects } from '../constructs/kubernetes-objects';
import { ISecretsVault, SecretsVault } from '../constructs/secrets-vault';
import { IVaultPrincipal } from '../constructs/vault-principal';
import { WorkloadIdentityPrincipal } from '../constructs/workload-identity-principal';
import { ValidationError } from '../facts/errors';
import { ProviderName, PROVIDERS } from '../facts/provider-versions';
import * as names from '../facts/resource-names';
import { RESOURCE_PROVIDERS, requiredTerraformVersion, TerraformFeature } from '../facts/terraform-requirements';
import { unmarkConfigText } from '../facts/terraform-templates';
import { AIRFLOW_SECRET_KEYS, airflowSecretName, SERVER_SECRET_KEYS, serverSecretName } from '../openmetadata/openmetadata-helm-values';
import { PolicyChecks, PolicyReport } from '../policy/policy-checks';
import type { TerraformJson } from '../policy/policy-rule';
import { AccessMap, accessMap, CredentialSecret, PrincipalAccess } from './access-map';
import { deepFreeze } from './deep-freeze';
import { addStackOutputs } from './stack-outputs';
import { hclText, mapStrings, markedConfig, terraformJsonText } from './terraform-text';
import { credentialsOf, Workload } from './workload';

/** Properties of one environment's stack. */
export interface OpenMetadataKeyVaultStackProps {
  /** The environment's validated settings, as the configuration loader returns them. */
  readonly environment: EnvironmentConfig;
  /**
   * The project root, seen from the folder this stack is synthesized into (where Terraform runs):
   * local state paths start there. @default - ../../.. (cdktf.out/stacks/<name>)
   */
  readonly projectRootFromStack?: string;
}

/** The Entra ID application every AKS cluster's API accepts tokens for (the same in every tenant). */
const AKS_ENTRA_SERVER_APP_ID = '6dae42f8-4368-4678-94ff-3960e28e3630';

/**
 * One environment: the vault (new or existing), a principal for the OpenMetadata server and one
 * for ingestion (or one shared), least-privilege roles at vault scope, the Kubernetes service
 * accounts and Secrets the charts reference, and as outputs the exact settings (Helm values, env
 * vars, workflowConfig) the server, Airflow and the CLI need.
 */
export class OpenMetadataKeyVaultStack extends TerraformStack {
  readonly vault: ISecretsVault;
  /** The server's principal; none with azure-kv, where the server never calls the vault. */
  readonly server?: IVaultPrincipal;
  readonly ingestion: IVaultPrincipal;
  /** Who can read what: the principals, their roles, and the pods acting as each (the access diagram). */
  readonly accessMap: AccessMap;
  private readonly policy: PolicyChecks;

  private readonly localStateBase: string;
  /** The `required_version` this stack states (Terraform stops at init below it). */
  readonly requiredVersion: string;

  constructor(
    scope: Construct,
    private readonly envName: string,
    props: OpenMetadataKeyVaultStackProps,
  ) {
    super(scope, envName);
    // Config text reaches the constructs marked: none of it can read as a template sequence (terraform-text.ts).
    const env = markedConfig(props.environment);
    this.localStateBase = props.projectRootFromStack ?? '../../..';
    // The rule pack checks what this stack synthesizes; errors stop synth unless suppressed with a reason.
    // Suppression reasons are only printed, so they stay as written.
    this.policy = new PolicyChecks({ suppressions: props.environment.policy.suppressions });
    Aspects.of(this).add(this.policy);
    KubernetesObjects.of(this).setManaged(env.kubernetes.manage);
    KubernetesObjects.of(this).adopt('ServiceAccount', env.adopt?.kubernetes?.serviceAccounts ?? []);
    KubernetesObjects.of(this).adopt('Secret', env.adopt?.kubernetes?.secrets ?? []);
    const plan = env.principalPlan;
    const shared = plan.ingestion.auth === 'shared';

    this.addBackend(env);
    this.requiredVersion = this.requireTerraform(env, usesAuth(plan, 'client-secret'));
    const oidcIssuerUrl = this.addProviders(env, plan);
    this.declareProviderVersions();
    const resourceGroupName = this.addResourceGroup(env);
    this.vault = this.addVault(env, resourceGroupName);
    const { server, ingestion } = this.addWorkloads(env, resourceGroupName, oidcIssuerUrl);
    this.server = server?.principal;
    this.ingestion = ingestion.principal;
    this.grantVaultAccess(env, server, ingestion);
    const secrets = this.addKubernetesSecrets(env, server, ingestion);
    this.checkAdoptedKubernetesObjects();
    this.accessMap = this.describeAccess(env, { server, ingestion, shared, ...secrets });
    addStackOutputs(this, {
      env,
      environment: this.envName,
      vault: this.vault,
      server,
      ingestion,
      serverNamespace: plan.server.namespace,
      shared,
    });
  }

  /** The providers (and the AKS cluster, when read by name); returns the cluster's OIDC issuer URL. */
  private addProviders(env: EnvironmentConfig, plan: PrincipalPlan): string | undefined {
    const usesWorkloadIdentity = usesAuth(plan, 'workload-identity');
    new AzurermProvider(this, 'azurerm', {
      subscriptionId: env.subscriptionId,
      tenantId: env.tenantId,
      // Not the default legacy set: registering it needs subscription-wide rights a deployer scoped
      // to a resource group does not have. Only what this stack creates, and only if unregistered.
      resourceProviderRegistrations: 'none',
      resourceProvidersToRegister: env.registerResourceProviders ? this.resourceProvidersUsed(env, usesWorkloadIdentity) : undefined,
      features: [
        {
          keyVault: [
            {
              // The defaults purge on destroy: a destroyed vault must stay recoverable.
              purgeSoftDeleteOnDestroy: false,
              purgeSoftDeletedSecretsOnDestroy: false,
              recoverSoftDeletedKeyVaults: true,
              recoverSoftDeletedSecrets: true,
            },
          ],
        },
      ],
    });
    new AzureadProvider(this, 'azuread', { tenantId: env.tenantId });
    if (usesAuth(plan, 'client-secret')) new TimeProvider(this, 'time');
    const clusterApi = env.kubernetes.manage && env.kubernetes.source === 'aks' ? env.kubernetes.aksCredentials : undefined;
    const cluster = env.aks?.name
      ? new AksCluster(this, 'AksCluster', {
          name: env.aks.name,
          resourceGroupName: env.aks.resourceGroup as string,
          // Only a federated credential needs the issuer: a client-secret stack must plan on any cluster.
          requireOidcIssuer: usesWorkloadIdentity,
          apiCredentials: clusterApi,
        })
      : undefined;
    if (env.kubernetes.manage) this.addKubernetesProvider(env, cluster);
    return cluster?.oidcIssuerUrl ?? env.aks?.oidcIssuerUrl;
  }

  /**
   * `required_providers`: the versions that run the stack (lib/facts/provider-versions.ts), not
   * those the prebuilt bindings were generated from, which cdktf writes there.
   */
  private declareProviderVersions(): void {
    for (const child of this.node.children) {
      if (!(child instanceof TerraformProvider)) continue;
      const name = child.terraformResourceType as ProviderName;
      const release = PROVIDERS[name];
      if (release === undefined) throw new Error(`no declared version for provider ${name}: add it to lib/facts/provider-versions.ts`);
      this.addOverride(`terraform.required_providers.${name}`, { source: release.source, version: release.version });
    }
    // The objects a removed block forgets belong to the kubernetes provider: without it declared,
    // terraform init would install whichever version is newest to read them from state.
    if (!KubernetesObjects.of(this).manage) {
      this.addOverride('terraform.required_providers.kubernetes', {
        source: PROVIDERS.kubernetes.source,
        version: PROVIDERS.kubernetes.version,
      });
    }
  }

  /** The resource group's name: a new group's reference, or the name of an existing one. */
  private addResourceGroup(env: EnvironmentConfig): string {
    if (env.existingResourceGroup) return env.resourceGroup;
    const group = new ResourceGroup(this, 'ResourceGroup', { name: env.resourceGroup, location: env.location, tags: { ...env.tags } });
    if (env.adopt?.resourceGroup !== undefined) group.importFrom(env.adopt.resourceGroup);
    return group.name;
  }

  /** The vault: a new one, hardened as configured, or an existing one by ID. */
  private addVault(env: EnvironmentConfig, resourceGroupName: string): ISecretsVault {
    const kv = env.keyVault;
    if ('existingId' in kv) return SecretsVault.fromVaultId(this, 'KeyVault', kv.existingId);
    const vault = new SecretsVault(this, 'KeyVault', {
      ...kv,
      resourceGroupName,
      location: env.location,
      tenantId: env.tenantId,
      subscriptionId: env.subscriptionId,
      tags: env.tags,
    });
    if (env.adopt?.keyVault !== undefined) vault.resource.importFrom(env.adopt.keyVault.id);
    return vault;
  }

  /** The server's and ingestion's principals (one shared, or none for the server with azure-kv). */
  private addWorkloads(
    env: EnvironmentConfig,
    resourceGroupName: string,
    oidcIssuerUrl: string | undefined,
  ): { server?: Workload; ingestion: Workload } {
    const plan = env.principalPlan;
    const build = (role: names.PrincipalRole, principal: OwnPrincipalPlan) =>
      this.addWorkload(env, role, principal, resourceGroupName, oidcIssuerUrl);
    const server = plan.server.auth === 'none' ? undefined : build('server', plan.server);
    const ingestionPlan = plan.ingestion;
    switch (ingestionPlan.auth) {
      case 'workload-identity':
      case 'client-secret': {
        const ingestion = build('ingestion', ingestionPlan);
        switch (ingestion.auth) {
          case 'workload-identity':
            // Switched back from sameAs: server, its account may still be in state under the server's principal.
            ingestion.principal.moveServiceAccountFrom({ namespace: ingestion.namespace, name: ingestion.serviceAccount }, 'Server');
            break;
          case 'client-secret':
            break;
          default:
            unreachable(ingestion);
        }
        return { server, ingestion };
      }
      case 'shared':
        // sameAs: server exists only with managed-azure-kv (the schema refuses it otherwise).
        return { server, ingestion: this.shareServerPrincipal(server as Workload, ingestionPlan) };
      default:
        return unreachable(ingestionPlan);
    }
  }

  /** Ingestion as the server's principal: a federated server gets one more credential, for the Airflow pods' account. */
  private shareServerPrincipal(server: Workload, shared: SharedPrincipalPlan): Workload {
    switch (server.auth) {
      case 'workload-identity': {
        const account = { namespace: shared.namespace, name: shared.serviceAccount as string };
        // One identity, one more federated credential for the Airflow pods' account (none if it is the server's).
        server.principal.addServiceAccount(account);
        // Switched to sameAs: server, the account may still be in state under ingestion's own principal.
        if (account.namespace !== server.namespace || account.name !== server.serviceAccount) {
          server.principal.moveServiceAccountFrom(account, 'Ingestion');
        }
        return { ...server, namespace: account.namespace, serviceAccount: account.name };
      }
      case 'client-secret':
        return { ...server, namespace: shared.namespace };
      default:
        return unreachable(server);
    }
  }

  /** One principal: a workload identity federated with its service account, or an app registration. */
  private addWorkload(
    env: EnvironmentConfig,
    role: names.PrincipalRole,
    plan: OwnPrincipalPlan,
    resourceGroupName: string,
    oidcIssuerUrl: string | undefined,
  ): Workload {
    const id = role === 'server' ? 'Server' : 'Ingestion';
    const { clusterName } = env.openmetadata;
    const adopted = env.adopt?.[role];
    const namespace = plan.namespace;
    switch (plan.auth) {
      case 'workload-identity': {
        const serviceAccount = plan.serviceAccount;
        const identityName = principalName(role, plan, clusterName, this.envName);
        const principal = new WorkloadIdentityPrincipal(this, id, {
          identityName,
          resourceGroupName,
          location: env.location,
          tenantId: env.tenantId,
          oidcIssuerUrl: oidcIssuerUrl as string,
          serviceAccounts: [{ namespace, name: serviceAccount, adoptedCredentialId: adopted?.federatedCredential }],
          credentialNamePrefix: this.envName,
          tags: env.tags,
        });
        if (adopted?.identity !== undefined) principal.identity.importFrom(adopted.identity);
        return { auth: 'workload-identity', principal, name: identityName, namespace, serviceAccount };
      }
      case 'client-secret': {
        const displayName = principalName(role, plan, clusterName, this.envName);
        const principal = new ClientSecretPrincipal(this, id, {
          displayName,
          tenantId: env.tenantId,
          secretLifetimeDays: plan.secretRotationDays,
          additionalOwners: plan.owners,
        });
        // A hand-made client secret cannot be imported (its value is never readable): the stack adds its
        // own and hands that out; the old one stays valid until it is deleted (docs/deployment.md).
        if (adopted?.application !== undefined) principal.application.importFrom(adopted.application);
        if (adopted?.servicePrincipal !== undefined) principal.servicePrincipal.importFrom(adopted.servicePrincipal);
        const credentials = { tenantId: principal.tenantId, clientId: principal.clientId, clientSecret: principal.clientSecret };
        return { auth: 'client-secret', principal, name: displayName, namespace, credentials };
      }
      default:
        return unreachable(plan);
    }
  }

  /** Least privilege at vault scope: the server writes secrets; a shared principal keeps that role, which covers reading. */
  private grantVaultAccess(env: EnvironmentConfig, server: Workload | undefined, ingestion: Workload): void {
    // The vault's grants ignore a hand-made description, which would otherwise replace the assignment.
    const adopt = (assignment: RoleAssignment, id: string | undefined) => {
      if (id !== undefined) assignment.importFrom(id);
    };
    // No server workload with azure-kv: the server never calls the vault.
    if (server) adopt(this.vault.grantSecretsManagement(server.principal), env.adopt?.server?.roleAssignment);
    const plan = env.principalPlan;
    switch (plan.ingestion.auth) {
      case 'workload-identity':
      case 'client-secret':
        adopt(this.vault.grantSecretsRead(ingestion.principal), env.adopt?.ingestion?.roleAssignment);
        break;
      case 'shared':
        break;
      default:
        unreachable(plan.ingestion);
    }
  }

  /** Every adopted Kubernetes object must be one the stack creates: otherwise nothing would import it. */
  private checkAdoptedKubernetesObjects(): void {
    const objects = KubernetesObjects.of(this);
    for (const [kind, key] of [
      ['ServiceAccount', 'serviceAccounts'],
      ['Secret', 'secrets'],
    ] as const) {
      const unmatched = objects.unmatchedAdoptions(kind);
      if (unmatched.length === 0) continue;
      const created = objects.createdIds(kind);
      throw new ValidationError(
        `environments.${this.envName}.adopt.kubernetes.${key}: received ${unmatched.map((u) => JSON.stringify(u)).join(', ')}; ` +
          `expected ${kind === 'Secret' ? 'Secrets' : 'service accounts'} the stack creates (${created.length > 0 ? created.join(', ') : 'none here'}), by namespace and name`,
      );
    }
  }

  /** The Kubernetes Secrets the charts read the credentials from. */
  private addKubernetesSecrets(
    env: EnvironmentConfig,
    server: Workload | undefined,
    ingestion: Workload,
  ): { serverSecret?: CredentialSecret; airflowSecret?: CredentialSecret } {
    const serverSecret = server ? this.addServerSecret(server) : undefined;
    // Kubernetes Jobs take the credentials from the chart's own pipeline Secret, not from Airflow's.
    const airflowSecret = env.openmetadata.pipelineClient === 'airflow' ? this.addAirflowSecret(ingestion) : undefined;
    return { serverSecret, airflowSecret };
  }

  /** The access map of what this stack built, with config text as written (unmarked). */
  private describeAccess(
    env: EnvironmentConfig,
    w: { server?: Workload; ingestion: Workload; shared: boolean; serverSecret?: CredentialSecret; airflowSecret?: CredentialSecret },
  ): AccessMap {
    const principal = (workload: Workload): PrincipalAccess => {
      const vaultRole = this.vault.secretsRoleOf(workload.principal);
      if (vaultRole === undefined) throw new Error(`${workload.principal.node.path} holds no secrets role on the vault`);
      const common = { name: workload.name, vaultRole, namespace: workload.namespace };
      switch (workload.auth) {
        case 'workload-identity':
          return { ...common, kind: 'managed identity', serviceAccount: workload.serviceAccount };
        case 'client-secret': {
          const { periodDays, lifetimeDays } = workload.principal.schedule;
          return { ...common, kind: 'app registration', secretSchedule: { periodDays, lifetimeDays } };
        }
        default:
          return unreachable(workload);
      }
    };
    const om = env.openmetadata;
    const map = accessMap({
      environment: this.envName,
      vault: {
        name: this.vault.vaultName,
        existing: 'existingId' in env.keyVault,
        serverSecretNameHead: w.server ? names.secretNameHead(om.prefix, om.clusterName) : undefined,
      },
      kubernetesManaged: env.kubernetes.manage,
      pipelineClient: om.pipelineClient,
      serverNamespace: env.principalPlan.server.namespace,
      server: w.server ? principal(w.server) : undefined,
      ingestion: principal(w.ingestion),
      shared: w.shared,
      serverSecret: w.serverSecret,
      airflowSecret: w.airflowSecret,
    });
    return deepFreeze(mapStrings(map, unmarkConfigText) as AccessMap);
  }

  /** The policy report of this stack: what `cdktf synth` prints, and what stops it. */
  policyReport(): PolicyReport {
    return this.policy.reportFor(this);
  }

  /** This stack resolved to Terraform JSON, with the number of constructs it had then. */
  private resolved?: { readonly constructs: number; readonly json: TerraformJson };

  /**
   * Resolved once: the policy checks and the synth get the same (frozen) JSON, so what is written
   * is exactly what was checked, and cdktf's token resolution runs once instead of twice (about
   * 70 ms of the example's 0.5 s synth). The constructor builds the whole stack; a construct added
   * later resolves it again.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the signature of cdktf's TerraformStack.toTerraform
  override toTerraform(): any {
    const constructs = this.node.findAll().length;
    if (this.resolved?.constructs !== constructs) {
      this.resolved = { constructs, json: deepFreeze(mapStrings(super.toTerraform(), terraformJsonText) as TerraformJson) };
    }
    return this.resolved.json;
  }

  /**
   * `cdktf synth --hcl`: cdktf renders each element's resolved data to HCL inside this method, so
   * each element hands it data already checked, unmarked and escaped for its HCL writer (hclText).
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the signature of cdktf's TerraformStack.toHclTerraform
  override toHclTerraform(): { [key: string]: any } {
    const resolver = new DefaultTokenResolver(new StringConcat());
    const elements = this.node.findAll().filter((c): c is TerraformElement => TerraformElement.isTerraformElement(c));
    for (const element of elements) {
      const own = element.toHclTerraform.bind(element);
      element.toHclTerraform = () => mapStrings(Tokenization.resolve(own(), { scope: this, resolver }), hclText) as Record<string, unknown>;
    }
    try {
      const rendered = super.toHclTerraform();
      // Blocks cdktf's HCL renderer drops (`removed`, `check`) are written here, after the rest.
      const extra = elements.filter((e): e is AppendedBlock => e instanceof AppendedBlock);
      return extra.length === 0 ? rendered : { ...rendered, hcl: `${rendered.hcl}\n\n${extra.map((r) => r.toHcl()).join('\n')}\n` };
    } finally {
      // The elements' own methods again: the wrapper is for this rendering only.
      for (const element of elements) delete (element as { toHclTerraform?: unknown }).toHclTerraform;
    }
  }

  /** `required_version`: an older Terraform stops at init, saying which version this stack needs. */
  private requireTerraform(env: EnvironmentConfig, usesClientSecret: boolean): string {
    const features: TerraformFeature[] = ['postconditions'];
    if (usesClientSecret) features.push('plantimestamp');
    if ('name' in env.keyVault && env.keyVault.lock) features.push('terraformData', 'checkBlocks');
    if (env.backend.type === 'cloud' && env.backend.project !== undefined) features.push('cloudWorkspaceProject');
    // Service accounts and Secrets rendered as manifests: removed blocks forget them if state holds them.
    if (!env.kubernetes.manage) features.push('removedBlocks');
    if (env.adopt !== undefined) features.push('importBlocks');
    const version = requiredTerraformVersion(features);
    this.addOverride('terraform.required_version', version);
    return version;
  }

  /** The resource providers behind what this stack creates (see RESOURCE_PROVIDERS). */
  private resourceProvidersUsed(env: EnvironmentConfig, usesWorkloadIdentity: boolean): string[] {
    const used: string[] = [RESOURCE_PROVIDERS.keyVault];
    if (usesWorkloadIdentity) used.push(RESOURCE_PROVIDERS.managedIdentity);
    if ('name' in env.keyVault) {
      if (env.keyVault.privateEndpoint) used.push(RESOURCE_PROVIDERS.privateEndpoint);
      if (env.keyVault.diagnostics) used.push(RESOURCE_PROVIDERS.diagnostics);
    }
    return used;
  }

  /** State: local (by a path relative to cdktf.out/stacks/<name>, where Terraform runs), azurerm with Entra ID auth, or Terraform Cloud. */
  private addBackend(env: EnvironmentConfig): void {
    const backend = env.backend;
    if (backend.type === 'local') {
      new LocalBackend(this, { path: posix.join(this.localStateBase, names.localStatePath(backend.path, this.envName)) });
    } else if (backend.type === 'azurerm') {
      new AzurermBackend(this, {
        storageAccountName: backend.storageAccountName,
        containerName: backend.containerName,
        key: names.azurermStateKey(backend.key, this.envName),
        resourceGroupName: backend.resourceGroupName,
        subscriptionId: backend.subscriptionId ?? env.subscriptionId,
        tenantId: env.tenantId,
        // Entra ID data-plane auth: no storage account key to leak, works with OIDC in CI.
        useAzureadAuth: true,
      });
    } else {
      new CloudBackend(this, {
        organization: backend.organization,
        hostname: backend.hostname,
        workspaces:
          backend.workspace !== undefined
            ? new NamedCloudWorkspace(backend.workspace, backend.project)
            : new TaggedCloudWorkspaces([...(backend.workspaceTags ?? [])], backend.project),
      });
    }
  }

  /** The kubernetes provider: from a kubeconfig file, or from the AKS cluster (certificates, or kubelogin for Entra ID). */
  private addKubernetesProvider(env: EnvironmentConfig, cluster: AksCluster | undefined): void {
    const k = env.kubernetes;
    if (k.source === 'kubeconfig') {
      new KubernetesProvider(this, 'kubernetes', { configPath: k.configPath, configContext: k.configContext });
      return;
    }
    const credentials = (cluster as AksCluster).apiCredentials();
    new KubernetesProvider(this, 'kubernetes', {
      ...credentials,
      exec:
        k.aksCredentials === 'exec'
          ? [
              {
                apiVersion: 'client.authentication.k8s.io/v1beta1',
                command: 'kubelogin',
                args: ['get-token', '--login', k.kubeloginMode, '--server-id', AKS_ENTRA_SERVER_APP_ID],
              },
            ]
          : undefined,
    });
  }

  /** The server's Secret: chart openmetadata reads OM_SM_* only through Secret references, even the vault name. */
  private addServerSecret(server: Workload): CredentialSecret {
    const serverData: Record<string, string> = { [SERVER_SECRET_KEYS.vaultName]: this.vault.vaultName };
    const credentials = credentialsOf(server);
    if (credentials) {
      serverData[SERVER_SECRET_KEYS.clientId] = credentials.clientId;
      serverData[SERVER_SECRET_KEYS.clientSecret] = credentials.clientSecret;
      serverData[SERVER_SECRET_KEYS.tenantId] = credentials.tenantId;
    }
    const ref = { namespace: server.namespace, name: serverSecretName(this.envName) };
    KubernetesObjects.of(this).addSecret(this, 'ServerSecret', ref, serverData, credentials !== undefined);
    return { ...ref, keys: Object.keys(serverData), owner: 'stack' };
  }

  /** Airflow's Secret, for a client secret: the components' env lists reference it. */
  private addAirflowSecret(ingestion: Workload): CredentialSecret | undefined {
    const credentials = credentialsOf(ingestion);
    if (!credentials) return undefined;
    const ref = { namespace: ingestion.namespace, name: airflowSecretName(this.envName) };
    const data = {
      [AIRFLOW_SECRET_KEYS.tenantId]: credentials.tenantId,
      [AIRFLOW_SECRET_KEYS.clientId]: credentials.clientId,
      [AIRFLOW_SECRET_KEYS.clientSecret]: credentials.clientSecret,
    };
    KubernetesObjects.of(this).addSecret(this, 'AirflowSecret', ref, data, true);
    return { ...ref, keys: Object.keys(data), owner: 'stack' };
  }
}
