import { PolicyRule } from './policy-rule';
import { AZ1_KNOWN_REGION } from './rules/az1-known-region';
import { CS1_SECRET_LIFETIME } from './rules/cs1-secret-lifetime';
import { CS2_SENSITIVE_OUTPUTS } from './rules/cs2-sensitive-outputs';
import { ID1_TOKEN_AUDIENCE } from './rules/id1-token-audience';
import { ID2_EXACT_SUBJECT } from './rules/id2-exact-subject';
import { ID3_HTTPS_ISSUER } from './rules/id3-https-issuer';
import { ID4_CREDENTIAL_LIMIT } from './rules/id4-credential-limit';
import { K8S1_NO_DEFAULT_ACCOUNT } from './rules/k8s1-no-default-account';
import { KV1_RBAC_AUTHORIZATION } from './rules/kv1-rbac-authorization';
import { KV10_NARROW_RANGES } from './rules/kv10-narrow-ranges';
import { KV2_PURGE_PROTECTION } from './rules/kv2-purge-protection';
import { KV3_SOFT_DELETE_RETENTION } from './rules/kv3-soft-delete-retention';
import { KV4_NETWORK_DEFAULT_DENY } from './rules/kv4-network-default-deny';
import { KV5_REACHABLE } from './rules/kv5-reachable';
import { KV6_PRIVATE_ACCESS } from './rules/kv6-private-access';
import { KV7_DIAGNOSTIC_LOGS } from './rules/kv7-diagnostic-logs';
import { KV8_DELETE_LOCK } from './rules/kv8-delete-lock';
import { KV9_NO_INTERNET_RANGES } from './rules/kv9-no-internet-ranges';
import { RA1_ALLOWED_ROLES } from './rules/ra1-allowed-roles';
import { RA2_VAULT_SCOPE } from './rules/ra2-vault-scope';
import { RA3_INGESTION_READ_ONLY } from './rules/ra3-ingestion-read-only';
import { RA4_ONE_SECRETS_ROLE } from './rules/ra4-one-secrets-role';

/** Every rule, in the order reports list them. */
export const RULE_PACK: readonly PolicyRule[] = [
  KV1_RBAC_AUTHORIZATION,
  KV2_PURGE_PROTECTION,
  KV3_SOFT_DELETE_RETENTION,
  KV4_NETWORK_DEFAULT_DENY,
  KV5_REACHABLE,
  KV6_PRIVATE_ACCESS,
  KV7_DIAGNOSTIC_LOGS,
  KV8_DELETE_LOCK,
  KV9_NO_INTERNET_RANGES,
  KV10_NARROW_RANGES,
  RA1_ALLOWED_ROLES,
  RA2_VAULT_SCOPE,
  RA3_INGESTION_READ_ONLY,
  RA4_ONE_SECRETS_ROLE,
  ID1_TOKEN_AUDIENCE,
  ID2_EXACT_SUBJECT,
  ID3_HTTPS_ISSUER,
  ID4_CREDENTIAL_LIMIT,
  K8S1_NO_DEFAULT_ACCOUNT,
  CS1_SECRET_LIFETIME,
  CS2_SENSITIVE_OUTPUTS,
  AZ1_KNOWN_REGION,
];
