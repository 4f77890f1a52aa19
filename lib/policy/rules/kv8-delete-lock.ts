import { PolicyRule, referencesIn } from '../policy-rule';

/** OMKV-KV8: a management lock guards the vault. */
export const KV8_DELETE_LOCK: PolicyRule = {
  id: 'OMKV-KV8',
  level: 'warning',
  cause: 'The Key Vault has no CanNotDelete management lock.',
  explanation:
    'prevent_destroy only stops this stack; a lock also stops the portal, the CLI and other pipelines from deleting the vault by mistake.',
  fix: 'Keep keyVault.lock: true (the default); it needs Owner or User Access Administrator to create.',
  references: ['AVM key vault: lock'],
  settings: ['keyVault.lock'],
  appliesTo: ['azurerm_key_vault'],
  check(target, stack) {
    if (target.kind !== 'resource') return 'not-applicable';
    const locked = stack
      .ofType('azurerm_management_lock')
      .some(
        (l) =>
          (l.config.lock_level === 'CanNotDelete' || l.config.lock_level === 'ReadOnly') &&
          referencesIn(l.config.scope).includes(target.address),
      );
    return locked ? 'compliant' : 'non-compliant';
  },
};
