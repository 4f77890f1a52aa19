import { PROVIDERS } from '../../lib/facts/provider-versions';

/**
 * The bindings write the code, the declared versions run it. Each binding's version is what its
 * package says it was generated from (terraformGeneratorMetadata of its provider class).
 */

const BINDINGS = {
  azurerm: () => require('@cdktf/provider-azurerm/lib/provider').AzurermProvider,
  azuread: () => require('@cdktf/provider-azuread/lib/provider').AzureadProvider,
  kubernetes: () => require('@cdktf/provider-kubernetes/lib/provider').KubernetesProvider,
  time: () => require('@cdktf/provider-time/lib/provider').TimeProvider,
};

/** The provider version a binding was generated from, as cdktf writes it into required_providers. */
function bindingVersion(provider: keyof typeof BINDINGS): string {
  const { Testing, TerraformStack } = require('cdktf');
  const stack = new TerraformStack(Testing.app(), 'binding');
  const instance = new (BINDINGS[provider]())(stack, 'p', provider === 'azurerm' ? { features: [{}] } : {});
  return instance.terraformGeneratorMetadata.providerVersion;
}

test.each(Object.keys(BINDINGS) as (keyof typeof BINDINGS)[])(
  "%s: the binding version on record is the installed binding's",
  (provider) => {
    expect(bindingVersion(provider)).toBe(PROVIDERS[provider].binding);
  },
);

// Key Vault management API 2026-02-01 arrives in azurerm v4.81.0 (internal/services/keyvault/client/
// client.go; v4.80.0 still imports keyvault/2023-02-01/vaults and 2023-07-01/vaults).
test('azurerm is declared at 4.81.0 or later: the first release Azure serves after 2027-02-27', () => {
  const [major, minor] = PROVIDERS.azurerm.version.split('.').map(Number);
  expect(major > 4 || (major === 4 && minor >= 81)).toBe(true);
});
