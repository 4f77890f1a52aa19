import { AzureadProvider } from '@cdktf/provider-azuread/lib/provider';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { LocalBackend, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { ClientSecretPrincipal } from './client-secret-principal';
import { EnvironmentConfig } from './config-schema';
import { airflowEnv, ClientSecretCredentials, serverEnv } from './openmetadata-settings';
import { ISecretsVault, SecretsVault } from './secrets-vault';
import { IVaultPrincipal } from './vault-principal';
import { WorkloadIdentityPrincipal } from './workload-identity-principal';

/** Properties of one environment's stack. */
export interface OpenMetadataKeyVaultStackProps {
  /** The environment's validated settings, as the configuration loader returns them. */
  readonly environment: EnvironmentConfig;
}

type PrincipalConfig = EnvironmentConfig['principals']['server'];
type Role = 'server' | 'ingestion';

/** A principal with what OpenMetadata needs to authenticate as it. */
interface BuiltPrincipal {
  readonly principal: IVaultPrincipal;
  readonly credentials?: ClientSecretCredentials;
}

/**
 * One environment: the vault (new or existing), a principal for the OpenMetadata server and one
 * for ingestion (or one shared), least-privilege roles at vault scope, and as outputs the exact
 * settings the server and Airflow need.
 */
export class OpenMetadataKeyVaultStack extends TerraformStack {
  readonly vault: ISecretsVault;
  readonly server: IVaultPrincipal;
  readonly ingestion: IVaultPrincipal;

  constructor(scope: Construct, name: string, props: OpenMetadataKeyVaultStackProps) {
    super(scope, name);
    const env = props.environment;
    const shared = env.principals.ingestion.sameAs === 'server';
    const principalConfigs = shared ? [env.principals.server] : [env.principals.server, env.principals.ingestion];

    // Terraform runs in cdktf.out/stacks/<name>: this keeps state at the project root, by a relative path.
    new LocalBackend(this, { path: `../../../terraform.${name}.tfstate` });
    new AzurermProvider(this, 'azurerm', {
      subscriptionId: env.subscriptionId,
      tenantId: env.tenantId,
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
    if (principalConfigs.some((p) => p.auth === 'client-secret')) new TimeProvider(this, 'time');
    if (principalConfigs.some((p) => p.auth === 'workload-identity')) {
      new KubernetesProvider(this, 'kubernetes', {
        configPath: env.kubernetes.configPath,
        configContext: env.kubernetes.configContext,
      });
    }

    let resourceGroupName = env.resourceGroup;
    if (!env.existingResourceGroup) {
      resourceGroupName = new ResourceGroup(this, 'ResourceGroup', {
        name: env.resourceGroup,
        location: env.location,
        tags: { ...env.tags },
      }).name;
    }

    const kv = env.keyVault;
    this.vault =
      'existingId' in kv
        ? SecretsVault.fromVaultId(this, 'KeyVault', kv.existingId)
        : new SecretsVault(this, 'KeyVault', {
            ...kv,
            resourceGroupName,
            location: env.location,
            tenantId: env.tenantId,
            subscriptionId: env.subscriptionId,
            tags: env.tags,
          });

    const build = (role: Role, config: PrincipalConfig): BuiltPrincipal => {
      const id = role === 'server' ? 'Server' : 'Ingestion';
      const { clusterName } = env.openmetadata;
      if (config.auth === 'workload-identity') {
        return {
          principal: new WorkloadIdentityPrincipal(this, id, {
            identityName: config.name ?? `id-${clusterName}-${name}-${role}`,
            resourceGroupName,
            location: env.location,
            tenantId: env.tenantId,
            oidcIssuerUrl: env.aks?.oidcIssuerUrl as string,
            serviceAccounts: [{ namespace: config.namespace as string, name: config.serviceAccount as string }],
            credentialNamePrefix: name,
            tags: env.tags,
          }),
        };
      }
      const principal = new ClientSecretPrincipal(this, id, {
        displayName: config.name ?? `${clusterName}-${name}-${role}`,
        tenantId: env.tenantId,
        secretLifetimeDays: config.secretRotationDays,
      });
      return {
        principal,
        credentials: { tenantId: principal.tenantId, clientId: principal.clientId, clientSecret: principal.clientSecret },
      };
    };

    const server = build('server', env.principals.server);
    let ingestion = server;
    if (!shared) {
      ingestion = build('ingestion', env.principals.ingestion);
    } else if (server.principal instanceof WorkloadIdentityPrincipal && env.principals.ingestion.namespace !== undefined) {
      // One identity, one more federated credential: the Airflow pods' own service account.
      server.principal.addServiceAccount({
        namespace: env.principals.ingestion.namespace,
        name: env.principals.ingestion.serviceAccount as string,
      });
    }
    this.server = server.principal;
    this.ingestion = ingestion.principal;

    // The server writes secrets only when OpenMetadata manages them; a shared principal keeps the
    // server's role, which covers reading.
    const managed = env.openmetadata.secretsManager === 'managed-azure-kv';
    if (managed) this.vault.grantSecretsManagement(this.server);
    else this.vault.grantSecretsRead(this.server);
    if (!shared) this.vault.grantSecretsRead(this.ingestion);

    this.addOutputs(env, server, ingestion, shared);
  }

  private addOutputs(env: EnvironmentConfig, server: BuiltPrincipal, ingestion: BuiltPrincipal, shared: boolean): void {
    const output = (id: string, value: unknown, description: string, sensitive = false) =>
      new TerraformOutput(this, id, { value, description, sensitive });

    output('key_vault_name', this.vault.vaultName, 'Key Vault name (OM_SM_VAULT_NAME, AZURE_KEY_VAULT_NAME).');
    output('key_vault_uri', this.vault.vaultUri, 'Key Vault URI.');
    output('key_vault_id', this.vault.vaultId, 'Key Vault resource ID.');
    output('tenant_id', env.tenantId, 'Entra ID tenant ID.');
    output('shared_principal', shared, 'true when server and ingestion use one principal.');
    for (const [role, built] of [
      ['server', server],
      ['ingestion', ingestion],
    ] as const) {
      output(`${role}_client_id`, built.principal.clientId, `Client ID the ${role} authenticates as.`);
      output(`${role}_principal_id`, built.principal.principalId, `Object ID of the ${role} principal (role assignments).`);
      if (built.credentials) {
        output(`${role}_client_secret`, built.credentials.clientSecret, `Client secret of the ${role} app registration.`, true);
      }
    }
    const vaultName = this.vault.vaultName;
    output(
      'server_env',
      serverEnv({ provider: env.openmetadata.secretsManager, vaultName, ...env.openmetadata, credentials: server.credentials }),
      'Environment variables for the OpenMetadata server.',
      server.credentials !== undefined,
    );
    output(
      'airflow_env',
      airflowEnv(vaultName, ingestion.credentials),
      'Environment variables for Airflow (openmetadata_secrets_manager section).',
      ingestion.credentials !== undefined,
    );
  }
}
