import { DataAzurermKubernetesCluster } from '@cdktf/provider-azurerm/lib/data-azurerm-kubernetes-cluster';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import * as rules from './naming-rules';

/** The AKS cluster to read. */
export interface AksClusterProps {
  /** Cluster name. */
  readonly name: string;
  /** Resource group of the cluster. */
  readonly resourceGroupName: string;
}

/** Credentials of the cluster API, as Terraform references (sensitive in state, never outputs). */
export interface AksApiCredentials {
  readonly host: string;
  /** PEM, decoded. */
  readonly clusterCaCertificate: string;
  /** PEM, decoded; only for certificate credentials. */
  readonly clientCertificate?: string;
  readonly clientKey?: string;
}

/**
 * An existing AKS cluster, read with a data source. The plan fails with the fix when its OIDC
 * issuer is off: federated credentials need the issuer URL, and would silently never match.
 */
export class AksCluster extends Construct {
  /** The cluster's OIDC issuer URL, known at plan. */
  readonly oidcIssuerUrl: string;
  readonly resource: DataAzurermKubernetesCluster;

  constructor(scope: Construct, id: string, props: AksClusterProps) {
    super(scope, id);
    rules.check(rules.aksClusterName, 'name', props.name);
    rules.check(rules.resourceGroupName, 'resourceGroupName', props.resourceGroupName);
    this.resource = new DataAzurermKubernetesCluster(this, 'Resource', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      lifecycle: {
        postcondition: [
          {
            condition: '${self.oidc_issuer_enabled && self.oidc_issuer_url != ""}',
            errorMessage:
              `AKS cluster ${props.name} has no OIDC issuer, so workload identity cannot federate to it. Enable it (and workload identity): ` +
              `az aks update -g ${props.resourceGroupName} -n ${props.name} --enable-oidc-issuer --enable-workload-identity`,
          },
        ],
      },
    });
    this.oidcIssuerUrl = this.resource.oidcIssuerUrl;
  }

  /**
   * API credentials: `client-certificate` from the cluster's user kubeconfig (clusters without
   * Entra ID integration), `admin-certificate` from its local admin account, `exec` with only host
   * and CA (the token comes from kubelogin).
   */
  apiCredentials(kind: 'exec' | 'client-certificate' | 'admin-certificate'): AksApiCredentials {
    const config = kind === 'admin-certificate' ? this.resource.kubeAdminConfig.get(0) : this.resource.kubeConfig.get(0);
    const credentials = { host: config.host, clusterCaCertificate: Fn.base64decode(config.clusterCaCertificate) };
    if (kind === 'exec') return credentials;
    return { ...credentials, clientCertificate: Fn.base64decode(config.clientCertificate), clientKey: Fn.base64decode(config.clientKey) };
  }
}
