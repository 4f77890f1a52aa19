/**
 * The world a stack expects to find: for every data source it reads, an existing resource as
 * healthy as the stack needs it (a vault on the RBAC model, an AKS cluster with an OIDC issuer and
 * a user kubeconfig, a virtual network), and the kubeconfig files its kubernetes provider names.
 * Scenarios then break one thing at a time (`world.fixtures.set(...)`) to see the stack's guards.
 */
import { fixtureKey } from './behaviours/azurerm';
import type { StackJson } from './terraform';
import type { Obj, World } from './world';

const b64 = (s: string) => Buffer.from(s).toString('base64');

type Block = Record<string, unknown>;

/** A kube_config entry as azurerm returns it: base64 certificates. */
function kubeConfig(host: string, certificates = true): Obj {
  return {
    host,
    cluster_ca_certificate: b64('-----BEGIN CERTIFICATE-----\nstand-in CA\n-----END CERTIFICATE-----\n'),
    client_certificate: certificates ? b64('-----BEGIN CERTIFICATE-----\nstand-in client\n-----END CERTIFICATE-----\n') : '',
    client_key: certificates ? b64('-----BEGIN RSA PRIVATE KEY-----\nstand-in key\n-----END RSA PRIVATE KEY-----\n') : '',
    username: 'clusterUser',
    password: '',
  };
}

/** Adds to the world what each data source and provider block of the stacks looks for. */
export function furnish(world: World, stacks: readonly StackJson[], location = 'westeurope'): void {
  for (const stack of stacks) {
    for (const [type, blocks] of Object.entries(stack.data ?? {})) {
      for (const block of Object.values(blocks)) {
        const rg = String(block.resource_group_name ?? '');
        const name = String(block.name ?? '');
        const id = `/subscriptions/${world.subscriptionId}/resourceGroups/${rg}/providers`;
        const key = fixtureKey(type, rg, name);
        if (world.fixtures.has(key)) continue;
        if (type === 'azurerm_key_vault') {
          world.fixtures.set(key, {
            id: `${id}/Microsoft.KeyVault/vaults/${name}`,
            location,
            tenant_id: world.tenantId,
            sku_name: 'standard',
            vault_uri: `https://${name}.vault.azure.net/`,
            rbac_authorization_enabled: true,
            enable_rbac_authorization: true,
            purge_protection_enabled: true,
            public_network_access_enabled: true,
            access_policy: [],
          });
        } else if (type === 'azurerm_kubernetes_cluster') {
          world.fixtures.set(key, {
            id: `${id}/Microsoft.ContainerService/managedClusters/${name}`,
            location,
            oidc_issuer_enabled: true,
            oidc_issuer_url: `https://${location}.oic.prod-aks.azure.com/${world.tenantId}/${world.guid(`oidc/${name}`)}/`,
            workload_identity_enabled: true,
            kube_config: [kubeConfig(`https://${name}-dns.hcp.${location}.azmk8s.io:443`)],
            kube_admin_config: [],
            azure_active_directory_role_based_access_control: [],
          });
        } else if (type === 'azurerm_virtual_network') {
          world.fixtures.set(key, { id: `${id}/Microsoft.Network/virtualNetworks/${name}`, location, address_space: ['10.0.0.0/16'] });
        }
      }
    }
    for (const config of [stack.provider?.kubernetes ?? []].flat() as Block[]) {
      if (typeof config.config_path === 'string') world.kubeconfigs.add(config.config_path);
      for (const p of (config.config_paths as string[] | undefined) ?? []) world.kubeconfigs.add(p);
    }
  }
}
