/**
 * The Terraform providers the stacks declare in `required_providers`, apart from the prebuilt
 * cdktf bindings that write the code. A binding pins the provider version it was generated from
 * (cdktf 0.21 writes it into `required_providers`), and the bindings will not move again: cdktf is
 * archived, and CDK Terrain's azurerm binding on npm (16.1.0) binds 4.73.0. So the bindings stay
 * the typed authoring API, and each stack states the provider version that runs it. Where the two
 * differ, lib/facts/provider-schemas/ holds the schema of the declared version, read at its tag,
 * and a test checks every synthesized stack against it.
 */

export interface ProviderRelease {
  /** Registry source address. */
  readonly source: string;
  /** The exact version the stacks declare (and whose schema lib/facts/provider-schemas/ holds). */
  readonly version: string;
  /** The version the prebuilt binding was generated from (its terraformGeneratorMetadata). */
  readonly binding: string;
}

export const PROVIDERS = {
  /**
   * 4.81.0 (2026-07-14, the last 4.x): Key Vault through management API 2026-02-01
   * (internal/services/keyvault/client/client.go at v4.81.0; CHANGELOG 4.81.0, PR #32320). Every
   * tag up to v4.80.0 uses 2023-02-01 for vaults and 2023-07-01 for the vault cache, and Microsoft
   * retires every Key Vault control-plane API version before 2026-02-01 on 2027-02-27, with no
   * extension (Key Vault docs, "migrate to API version 2026-02-01"; Azure/azure-cli#34020): from
   * that day 4.55.0, the binding's version, can no longer read or refresh a vault.
   */
  azurerm: { source: 'hashicorp/azurerm', version: '4.81.0', binding: '4.55.0' },
  /**
   * 3.9.0 (2026-06-18, the newest): no schema or behaviour change for application, service
   * principal and password since 3.7.0 (git diff v3.7.0 v3.9.0 of internal/services/applications,
   * serviceprincipals, provider, clients: licence headers only); current dependencies. It calls
   * Microsoft Graph v1.0, and beta for one property read each of applications and service
   * principals: no retirement is announced (Graph gives 24 months' notice).
   */
  azuread: { source: 'hashicorp/azuread', version: '3.9.0', binding: '3.7.0' },
  /**
   * 3.2.1 (2026-06-30): 2.38.0 gave every resource an identity on plugin-sdk 2.37.0, which fails a
   * plan with "Unexpected Identity Change" after a create that failed before its read
   * (hashicorp/terraform-provider-kubernetes#2779); 3.2.1 moves to plugin-sdk 2.38.2 (CHANGELOG
   * 3.2.1), and there is no 2.x after 2.38.0. Schemas of service_account_v1, secret_v1 and the
   * provider block are the same; 3.0 needs Terraform 1.0 (plugin protocol 6) and its state cannot go
   * back to 2.x (docs/guides/v3-upgrade-guide.md). Core/v1 ServiceAccount and Secret are GA.
   */
  kubernetes: { source: 'hashicorp/kubernetes', version: '3.2.1', binding: '2.38.0' },
  /** 0.14.0 (2026-05-12): time_rotating unchanged since 0.13.1; current dependencies. No remote API. */
  time: { source: 'hashicorp/time', version: '0.14.0', binding: '0.13.1' },
} as const satisfies Record<string, ProviderRelease>;

export type ProviderName = keyof typeof PROVIDERS;
