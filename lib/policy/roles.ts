import { KEY_VAULT_READER_ROLE, KEY_VAULT_ROLES } from '../facts/azure-facts';
import type { TerraformJson } from './policy-rule';

/** Built-in role IDs a vault-scoped assignment of this stack may use, and whether each writes. */
const READ_ONLY = new Set<string>([KEY_VAULT_ROLES.secretsUser.id, KEY_VAULT_READER_ROLE.id]);
const ALLOWED = new Set<string>([...READ_ONLY, KEY_VAULT_ROLES.secretsOfficer.id]);
const ALLOWED_NAMES = new Map<string, string>([
  [KEY_VAULT_ROLES.secretsUser.name, KEY_VAULT_ROLES.secretsUser.id],
  [KEY_VAULT_ROLES.secretsOfficer.name, KEY_VAULT_ROLES.secretsOfficer.id],
  [KEY_VAULT_READER_ROLE.name, KEY_VAULT_READER_ROLE.id],
]);

/** The role definition GUID of an assignment, by ID or by name (lower-case), or undefined. */
export function roleOf(config: Readonly<TerraformJson>): string | undefined {
  if (typeof config.role_definition_id === 'string') {
    const m = /([0-9a-fA-F-]{36})$/.exec(config.role_definition_id);
    return m ? m[1].toLowerCase() : undefined;
  }
  if (typeof config.role_definition_name === 'string')
    return ALLOWED_NAMES.get(config.role_definition_name) ?? `name:${config.role_definition_name}`;
  return undefined;
}

export const isAllowedRole = (role: string | undefined) => role !== undefined && ALLOWED.has(role);
export const isReadOnlyRole = (role: string | undefined) => role !== undefined && READ_ONLY.has(role);
export const isSecretsRole = (role: string | undefined) =>
  role === KEY_VAULT_ROLES.secretsUser.id || role === KEY_VAULT_ROLES.secretsOfficer.id;
