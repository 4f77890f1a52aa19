import type { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock';
import { Construct } from 'constructs';
import { AppendedBlock } from './appended-block';

/** Name of the check block in the configuration, as Terraform's warnings print it (`check.vault_lock`). */
const LOCK_CHECK_NAME = 'vault_lock';

const MESSAGE =
  'The vault has no CanNotDelete lock in state: an apply failed after the lock stepped aside, or someone deleted it. Apply again to put it back.';

/**
 * A Terraform `check` block (Terraform 1.5) on the vault lock. Terraform evaluates a check at the
 * end of every plan and apply and never stops on it (terraform v1.11.4,
 * internal/terraform/eval_conditions.go, evalCheckRule): a condition it cannot know at plan time
 * becomes the warning "Check block assertion known after apply ... in check.vault_lock". The
 * condition reads the lock's ID, known only for a lock that is in place, so every plan that will
 * create the lock says so by name: a failed apply left the vault unlocked, someone deleted the lock
 * (the refresh finds it gone), and also the first deploy and each time the lock steps aside. A plan
 * with the lock in place is silent. azurerm 4.81 has no data source for locks, so nothing can read
 * the lock from Azure inside the check.
 */
export class LockCheck extends AppendedBlock {
  constructor(
    scope: Construct,
    id: string,
    private readonly lock: ManagementLock,
  ) {
    super(scope, id);
  }

  private get address(): string {
    return `${this.lock.terraformResourceType}.${this.lock.friendlyUniqueId}`;
  }

  toTerraform(): Record<string, unknown> {
    return { check: { [LOCK_CHECK_NAME]: { assert: [{ condition: `\${${this.address}.id != ""}`, error_message: MESSAGE }] } } };
  }

  /** The block in HCL. The address is one cdktf allocated, never config text; the message is this file's. */
  toHcl(): string {
    const address = AppendedBlock.plainAddress(this.address, 'LockCheck');
    return `check "${LOCK_CHECK_NAME}" {\n  assert {\n    condition     = ${address}.id != ""\n    error_message = ${JSON.stringify(MESSAGE)}\n  }\n}`;
  }
}
