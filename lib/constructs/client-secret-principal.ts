import { Application } from '@cdktf/provider-azuread/lib/application';
import { ApplicationPasswordA } from '@cdktf/provider-azuread/lib/application-password';
import { DataAzureadClientConfig } from '@cdktf/provider-azuread/lib/data-azuread-client-config';
import { ServicePrincipal } from '@cdktf/provider-azuread/lib/service-principal';
import { Rotating } from '@cdktf/provider-time/lib/rotating';
import { Fn, Op, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { MAX_APPLICATION_OWNERS } from '../facts/azure-facts';
import { ValidationError } from '../facts/errors';
import * as rules from '../facts/naming-rules';
import { CLIENT_SECRET_LIFETIME_DAYS } from '../facts/secure-defaults';
import { checkLiteral } from './check-literal';
import { hclString } from './terraform-expressions';
import { IVaultPrincipal } from './vault-principal';

/** Properties of a client-secret principal. */
export interface ClientSecretPrincipalProps {
  /** Display name of the app registration. */
  readonly displayName: string;
  /** Entra ID tenant of the app registration. */
  readonly tenantId: string;
  /** Days each client secret stays valid at most, 30-365. @default - 180 */
  readonly secretLifetimeDays?: number;
  /**
   * Object IDs of users or service principals that own the app registration and its service
   * principal besides the one running Terraform (who always does). @default - none
   */
  readonly additionalOwners?: readonly string[];
}

/**
 * The object ID of whoever runs Terraform, read once per stack (`data.azuread_client_config`).
 */
function deployerObjectId(scope: Construct): string {
  const stack = TerraformStack.of(scope);
  const existing = stack.node.tryFindChild('AzureadClientConfig');
  const config = (existing as DataAzureadClientConfig | undefined) ?? new DataAzureadClientConfig(stack, 'AzureadClientConfig', {});
  return config.objectId;
}

/** How the two secrets take turns, in days. */
export interface RotationSchedule {
  /** Each secret is replaced every `periodDays`; B runs half a period behind A. */
  readonly periodDays: number;
  /** After its replacement is due, a secret stays valid this long, for late applies and pod restarts. */
  readonly graceDays: number;
  /** Lifetime of each secret: a period plus the grace, at most secretLifetimeDays. */
  readonly lifetimeDays: number;
}

/** The longest grace a replaced secret keeps: a month is enough for a late apply and a restart. */
const MAX_GRACE_DAYS = 30;

/** Splits a lifetime L into a rotation period (even, so B can run half of it behind A) and a grace. */
export function rotationSchedule(lifetimeDays: number): RotationSchedule {
  const graceDays = Math.min(MAX_GRACE_DAYS, Math.floor(lifetimeDays / 3));
  const periodDays = 2 * Math.floor((lifetimeDays - graceDays) / 2);
  return { periodDays, graceDays, lifetimeDays: periodDays + graceDays };
}

/**
 * An Entra ID app registration with its service principal and two client secrets, A and B, that
 * rotate in turn, so the secret in use is never the one being replaced.
 *
 * A is replaced every period. B rotates at A's midpoint, then half a period after A's rotation,
 * following A at every plan. So every half period exactly one secret is replaced, and
 * `clientSecret` is always the one whose rotation time is later: the one that stays valid longer.
 * Pods that read it through a Kubernetes Secret pick it up at their next restart, while the one
 * they hold stays in place for half a period more. A changed lifetime takes effect at each
 * secret's next rotation and never replaces a secret early. Values exist only in Terraform state
 * and in sensitive outputs.
 *
 * The deploying principal owns the app registration and the service principal. azuread 3.9
 * (application_resource.go, service_principal_resource.go) adds the caller as owner while creating
 * them and removes it again when `owners` leaves it out; a deployer with only
 * Application.ReadWrite.OwnedBy (or a user with the Application Developer role) would then be
 * refused (403) when adding the client secrets, and at every rotation after.
 */
export class ClientSecretPrincipal extends Construct implements IVaultPrincipal {
  readonly clientId: string;
  readonly principalId: string;
  readonly tenantId: string;
  /** The secret whose rotation time is later (valid longer): a sensitive Terraform reference, never a literal. */
  readonly clientSecret: string;
  readonly schedule: RotationSchedule;
  readonly application: Application;
  readonly servicePrincipal: ServicePrincipal;
  readonly passwords: { readonly a: ApplicationPasswordA; readonly b: ApplicationPasswordA };

  constructor(scope: Construct, id: string, props: ClientSecretPrincipalProps) {
    super(scope, id);
    rules.check(rules.applicationDisplayName, 'displayName', props.displayName, this);
    rules.check(rules.guid, 'tenantId', props.tenantId, this);
    const lifetime = props.secretLifetimeDays ?? CLIENT_SECRET_LIFETIME_DAYS.default;
    const { min, max } = CLIENT_SECRET_LIFETIME_DAYS;
    if (!Number.isInteger(lifetime) || lifetime < min || lifetime > max) {
      throw new ValidationError(`secretLifetimeDays: received ${lifetime}; expected a whole number from ${min} to ${max}`, this);
    }
    const additionalOwners = props.additionalOwners ?? [];
    for (const [i, owner] of additionalOwners.entries()) {
      checkLiteral(rules.guid, `additionalOwners[${i}]`, owner, this);
    }
    if (additionalOwners.length + 1 > MAX_APPLICATION_OWNERS) {
      throw new ValidationError(
        `additionalOwners: received ${additionalOwners.length} owners; expected at most ${MAX_APPLICATION_OWNERS - 1} (the deployer is the ${MAX_APPLICATION_OWNERS}th)`,
        this,
      );
    }
    const owners = [deployerObjectId(this), ...additionalOwners];
    this.schedule = rotationSchedule(lifetime);
    const { periodDays, graceDays } = this.schedule;
    const half = `${(periodDays / 2) * 24}h`;

    this.application = new Application(this, 'Application', {
      displayName: props.displayName,
      signInAudience: 'AzureADMyOrg',
      notes: 'Managed by cdktf: OpenMetadata access to Azure Key Vault secrets.',
      owners,
    });
    this.servicePrincipal = new ServicePrincipal(this, 'ServicePrincipal', {
      clientId: this.application.clientId,
      appRoleAssignmentRequired: false,
      owners,
    });

    // A runs on its own: its rotation is a period after the plan that creates it, written in the
    // configuration (not computed at apply) so that B, derived from it, is known at plan time even
    // when A is replaced in the same plan. time 0.14.0 (resource_time_rotating.go,
    // setRotationValues) lets a configured rotation_rfc3339 win over rotation_days, which stays
    // only to record the period A was created with. Both are ignored afterwards: a changed period
    // is used when A is next created, after its rotation time has passed (Read drops it from state).
    const rotationA = new Rotating(this, 'SecretRotationA', {
      rotationDays: periodDays,
      rotationRfc3339: Fn.timeadd(Fn.plantimestamp(), hclString(`${periodDays * 24}h`)),
      lifecycle: { ignoreChanges: ['rotation_days', 'rotation_rfc3339'] },
    });
    const aRotation = rotationA.rotationRfc3339;
    // A's midpoint, from the period A was created with (its stored rotation_days), so that a
    // changed period cannot move it.
    const aMidpoint = Fn.timeadd(aRotation, Fn.format(hclString('-%dh'), [Op.mul(rotationA.getNumberAttribute('rotation_days'), 12)]));
    // B follows A at every plan, not only when B is created: before A's midpoint B rotates there
    // (A is handed out); after it, half the current period after A's rotation (B is handed out).
    // A changed rotation moves in place and keeps B's ID (time 0.14.0, ModifyPlan and Update
    // recompute from the stored base), so its password stays. Hence a secret that stops being
    // handed out is replaced no sooner than half a period later: A half of its own period after B
    // takes over at A's midpoint; B half of the current period after A takes over at A's
    // rotation, since B's rotation moves with A's. B needs nothing of A at creation that A would
    // need of B, so there is no cycle.
    const rotationB = new Rotating(this, 'SecretRotationB', {
      rotationRfc3339: Token.asString(
        Fn.conditional(Op.eq(Fn.timecmp(Fn.plantimestamp(), aMidpoint), -1), aMidpoint, Fn.timeadd(aRotation, hclString(half))),
      ),
    });
    const slot = (name: 'A' | 'B', rotation: Rotating) =>
      new ApplicationPasswordA(this, `ClientSecret${name}`, {
        applicationId: this.application.id,
        displayName: `openmetadata-secrets-manager-${name.toLowerCase()}`,
        // Replaced only when its rotation is (a new time_rotating has a new ID).
        rotateWhenChanged: { rotation: rotation.id },
        // Valid until its replacement is due, plus the grace. end_date forces replacement (azuread
        // 3.7, application_password_resource.go): a changed grace must wait for the next rotation.
        endDate: Fn.timeadd(rotation.rotationRfc3339, hclString(`${graceDays * 24}h`)),
        lifecycle: { createBeforeDestroy: true, ignoreChanges: ['end_date'] },
      });
    this.passwords = { a: slot('A', rotationA), b: slot('B', rotationB) };
    this.clientId = this.application.clientId;
    this.principalId = this.servicePrincipal.objectId;
    this.tenantId = props.tenantId;
    // The later rotation time is the secret replaced last, so the one valid longest. (timecmp
    // returns -1, 0 or 1; cdktf 0.21 writes an operand 0 as `undefined`, so -1 is compared.)
    this.clientSecret = Token.asString(
      Fn.conditional(Op.neq(Fn.timecmp(aRotation, rotationB.rotationRfc3339), -1), this.passwords.a.value, this.passwords.b.value),
    );
  }
}
