import type { StackJson } from '../../standin/terraform';
import { AKS_SUBNET, baseEnvironment, distinctEnvironment, parse, synthEnvironment } from '../helpers';

/** Configuration changes the day-2 tests apply, as edits of the helpers' base environment. */

export type Edit = (env: Record<string, any>) => void;

export const WORKSPACE_A =
  '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/law-a';
export const WORKSPACE_B = WORKSPACE_A.replace(/law-a$/, 'law-b');
export const PE_SUBNET_A =
  '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-aks/providers/Microsoft.Network/virtualNetworks/vnet-aks/subnets/snet-pe';
export const PE_SUBNET_B = PE_SUBNET_A.replace(/snet-pe$/, 'snet-pe2');
const DNS_ZONE =
  '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net';

export const clientSecret =
  (who: 'server' | 'ingestion'): Edit =>
  (env) => {
    env.principals[who] = { auth: 'client-secret', namespace: env.principals[who].namespace };
  };
export const serverSecretLifetime =
  (days: number): Edit =>
  (env) => {
    clientSecret('server')(env);
    env.principals.server.secretRotationDays = days;
  };
export const sameAsServer: Edit = (env) => {
  env.principals.ingestion = { sameAs: 'server' };
};
// With azure-kv the server never calls the vault: it has no principal, only its namespace.
export const azureKv: Edit = (env) => {
  env.openmetadata = { secretsManager: 'azure-kv' };
  env.principals.server = { namespace: env.principals.server.namespace };
};
export const renamedServer: Edit = (env) => {
  env.principals.server.name = 'id-om-renamed';
};
export const diagnostics =
  (workspace: string): Edit =>
  (env) => {
    env.keyVault.diagnostics = { logAnalyticsWorkspaceId: workspace };
  };
export const privateEndpoint =
  (subnetId: string): Edit =>
  (env) => {
    env.keyVault.privateEndpoint = { subnetId, privateDnsZoneId: DNS_ZONE, location: 'westeurope' };
    env.keyVault.network = { allowedSubnetIds: [AKS_SUBNET] };
  };
// Ingestion on the server's principal, keeping its own service account: the account moves from the
// ingestion principal's construct to the server's, a new Terraform address for the same object.
export const sameAsServerKeepingAccount: Edit = (env) => {
  env.principals.ingestion = {
    sameAs: 'server',
    namespace: env.principals.ingestion.namespace,
    serviceAccount: env.principals.ingestion.serviceAccount,
  };
};
export const unmanagedKubernetes: Edit = (env) => {
  env.kubernetes = { manage: false };
};
export const base: Edit = () => {};

/** The `test` stack of a configuration that also has an environment `other`. */
export function testStackBesideAnother(): StackJson {
  const { Testing } = require('cdktf') as typeof import('cdktf');
  const { OpenMetadataKeyVaultStack } =
    require('../../lib/stack/openmetadata-keyvault-stack') as typeof import('../../lib/stack/openmetadata-keyvault-stack');
  const config = parse({ environments: { test: baseEnvironment(), other: distinctEnvironment('other') } });
  return JSON.parse(
    Testing.synth(new OpenMetadataKeyVaultStack(Testing.app(), 'test', { environment: config.environments.test })),
  ) as StackJson;
}

export function stackOf(edit: Edit): StackJson {
  return structuredClone(synthEnvironment(edit).json) as StackJson;
}
