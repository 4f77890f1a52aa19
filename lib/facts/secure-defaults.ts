/**
 * The settings the project chooses for you: what a new vault and a client secret get unless the
 * configuration says otherwise, and the bounds it accepts. The schema states them (and the
 * configuration reference shows them), the constructs apply them, the policy rules check them.
 */

/** The vault SKUs Azure offers; they differ in keys (premium: HSM-backed), not in secrets. */
export const VAULT_SKUS = ['standard', 'premium'] as const;
export type VaultSku = (typeof VAULT_SKUS)[number];

/** A new vault, hardened: RBAC only, purge protection, the longest retention, firewall Deny, a delete lock. */
export const VAULT_DEFAULTS = {
  sku: 'standard' satisfies VaultSku,
  /** The longest soft-delete retention Azure allows: a deleted secret stays recoverable 90 days. */
  softDeleteRetentionDays: 90,
  purgeProtection: true,
  /** Off by default only with a private endpoint (the schema decides); the construct's default is on. */
  publicNetworkAccess: true,
  network: { defaultAction: 'Deny', bypassAzureServices: true },
  lock: true,
} as const;

/** Soft-delete retention Azure Key Vault accepts, in days (set once, at creation). */
export const SOFT_DELETE_RETENTION_DAYS = { min: 7, max: 90 } as const;

/**
 * A client secret's lifetime in days: at most 365 (Microsoft recommends under 12 months; policy
 * rule OMKV-CS1), at least 30 so that the rotation's grace still leaves a period, 180 unless set.
 */
export const CLIENT_SECRET_LIFETIME_DAYS = { min: 30, max: 365, default: 180 } as const;
