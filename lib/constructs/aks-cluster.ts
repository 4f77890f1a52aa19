import { DataAzurermKubernetesCluster } from '@cdktf/provider-azurerm/lib/data-azurerm-kubernetes-cluster';
import { Fn, TerraformCondition } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../facts/errors';
import * as rules from '../facts/naming-rules';

/** How the kubernetes provider authenticates to the cluster API. */
export type AksCredentialKind = 'exec' | 'client-certificate' | 'admin-certificate';

/** The AKS cluster to read. */
export interface AksClusterProps {
  /** Cluster name. */
  readonly name: string;
  /** Resource group of the cluster. */
  readonly resourceGroupName: string;
  /**
   * Fail the plan, with the fix, when the cluster has no OIDC issuer: needed only when a principal
   * federates to the cluster (workload identity). @default - false
   */
  readonly requireOidcIssuer?: boolean;
  /**
   * The credentials `apiCredentials()` hands out; the plan fails, naming the missing cluster setting
   * or permission, when the cluster does not return them. @default - none: the cluster API is not used
   */
  readonly apiCredentials?: AksCredentialKind;
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

/** The permissions behind the two credential lists (Azure built-in roles that carry them in brackets). */
export const AKS_CREDENTIAL_ACTIONS = {
  user: 'Microsoft.ContainerService/managedClusters/listClusterUserCredential/action',
  admin: 'Microsoft.ContainerService/managedClusters/listClusterAdminCredential/action',
} as const;

/**
 * An existing AKS cluster, read with a data source. Postconditions on that read fail the plan with
 * the fix when the cluster cannot give what the stack takes from it: an OIDC issuer for federated
 * credentials, or the kubeconfig the kubernetes provider is built from. azurerm 4.81's data source
 * (kubernetes_cluster_data_source.go) leaves `kube_config` empty when listing user credentials is
 * forbidden (403), and fills `kube_admin_config` only for Entra ID clusters with local accounts
 * enabled whose admin credentials the caller may list; without these conditions the plan would stop
 * at an "Invalid index" on `kube_config[0]`, naming neither the setting nor the permission.
 */
export class AksCluster extends Construct {
  /** The cluster's OIDC issuer URL, known at plan. */
  readonly oidcIssuerUrl: string;
  readonly resource: DataAzurermKubernetesCluster;
  private readonly credentialKind?: AksCredentialKind;

  constructor(scope: Construct, id: string, props: AksClusterProps) {
    super(scope, id);
    rules.check(rules.aksClusterName, 'name', props.name, this);
    rules.check(rules.resourceGroupName, 'resourceGroupName', props.resourceGroupName, this);
    this.credentialKind = props.apiCredentials;
    const cluster = `AKS cluster ${props.name} (resource group ${props.resourceGroupName})`;
    const conditions: TerraformCondition[] = [];
    if (props.requireOidcIssuer) {
      conditions.push({
        condition: '${self.oidc_issuer_enabled && self.oidc_issuer_url != ""}',
        errorMessage:
          `${cluster} has no OIDC issuer, so workload identity cannot federate to it. Enable it (and workload identity): ` +
          `az aks update -g ${props.resourceGroupName} -n ${props.name} --enable-oidc-issuer --enable-workload-identity`,
      });
    }
    if (props.apiCredentials === 'admin-certificate') {
      conditions.push(
        {
          condition: '${length(self.azure_active_directory_role_based_access_control) > 0}',
          errorMessage:
            `${cluster} is not integrated with Entra ID, and azurerm reads the admin kubeconfig only from Entra ID clusters ` +
            '(the user kubeconfig of such a cluster already carries a certificate). Set kubernetes.aksCredentials: client-certificate.',
        },
        {
          condition: '${length(self.kube_admin_config) > 0}',
          errorMessage:
            `${cluster} returned no admin kubeconfig: either its local accounts are disabled (then set kubernetes.aksCredentials: exec, ` +
            `which signs in through kubelogin), or the identity running Terraform lacks ${AKS_CREDENTIAL_ACTIONS.admin} ` +
            '(role Azure Kubernetes Service Cluster Admin Role on the cluster).',
        },
      );
    } else if (props.apiCredentials) {
      conditions.push({
        condition: '${length(self.kube_config) > 0}',
        errorMessage:
          `${cluster} returned no user kubeconfig: the identity running Terraform lacks ${AKS_CREDENTIAL_ACTIONS.user} ` +
          '(role Azure Kubernetes Service Cluster User Role on the cluster).',
      });
      if (props.apiCredentials === 'client-certificate') {
        conditions.push({
          // Entra ID clusters hand out kubelogin kubeconfigs, whose certificate fields are empty.
          condition: '${alltrue([for c in self.kube_config : c.client_certificate != ""])}',
          errorMessage:
            `${cluster} is integrated with Entra ID, so its user kubeconfig carries no client certificate. ` +
            'Set kubernetes.aksCredentials: exec (kubelogin), or admin-certificate if its local accounts are enabled.',
        });
      }
    }
    this.resource = new DataAzurermKubernetesCluster(this, 'Resource', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      lifecycle: conditions.length > 0 ? { postcondition: conditions } : undefined,
    });
    this.oidcIssuerUrl = this.resource.oidcIssuerUrl;
  }

  /**
   * API credentials of the kind given in the props: `client-certificate` from the cluster's user
   * kubeconfig (clusters without Entra ID integration), `admin-certificate` from its local admin
   * account, `exec` with only host and CA (the token comes from kubelogin).
   */
  apiCredentials(): AksApiCredentials {
    const kind = this.credentialKind;
    if (kind === undefined) {
      throw new ValidationError(
        `received a request for API credentials; expected apiCredentials in the props, so the plan can check they exist`,
        this,
      );
    }
    const config = kind === 'admin-certificate' ? this.resource.kubeAdminConfig.get(0) : this.resource.kubeConfig.get(0);
    const credentials = { host: config.host, clusterCaCertificate: Fn.base64decode(config.clusterCaCertificate) };
    if (kind === 'exec') return credentials;
    return { ...credentials, clientCertificate: Fn.base64decode(config.clientCertificate), clientKey: Fn.base64decode(config.clientKey) };
  }
}
