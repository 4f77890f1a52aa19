import * as rules from '../facts/naming-rules';
import { closedObject, flag, oneOf, ruled, WHEN_VALID } from './schema-builders';

/** The `aks` and `kubernetes` sections: the cluster, and where the service accounts and Secrets go. */
export const aksSchema = closedObject({
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

export const kubernetesSchema = closedObject({
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
