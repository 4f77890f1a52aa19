import { PolicyRule, referencesIn } from '../policy-rule';

/** OMKV-ID3: federated credentials trust an https issuer (the AKS OIDC issuer). */
export const ID3_HTTPS_ISSUER: PolicyRule = {
  id: 'OMKV-ID3',
  level: 'error',
  cause: "A federated identity credential trusts an issuer that is neither an https URL nor the AKS cluster's OIDC issuer.",
  explanation:
    "Entra ID fetches the issuer's signing keys from it; a plain-http or arbitrary issuer would let whoever controls it mint tokens for the identity.",
  fix: "Set aks.oidcIssuerUrl to the cluster's https issuer URL, or name the cluster in aks.name.",
  references: ['Azure Workload Identity: issuer = AKS oidc_issuer_url'],
  settings: ['aks.oidcIssuerUrl', 'aks.name'],
  appliesTo: ['azurerm_federated_identity_credential'],
  check(target, stack) {
    if (target.kind !== 'resource') return 'not-applicable';
    const issuer = target.config.issuer;
    const refs = referencesIn(issuer);
    if (refs.length > 0) {
      return refs.every((a) => ['azurerm_kubernetes_cluster'].includes(stack.byAddress(a)?.type ?? '')) &&
        /\.oidc_issuer_url\}$/.test(issuer)
        ? 'compliant'
        : 'non-compliant';
    }
    return typeof issuer === 'string' && /^https:\/\/[^/\s]+/.test(issuer) ? 'compliant' : 'non-compliant';
  },
};
