import { Application } from '@cdktf/provider-azuread/lib/application';
import { ApplicationPasswordA } from '@cdktf/provider-azuread/lib/application-password';
import { ServicePrincipal } from '@cdktf/provider-azuread/lib/service-principal';
import { Rotating } from '@cdktf/provider-time/lib/rotating';
import { Fn, Op, Token } from 'cdktf';
import { Construct } from 'constructs';
import * as rules from './naming-rules';
import { IVaultPrincipal } from './vault-principal';

/** Longest client secret lifetime allowed; Microsoft recommends under 12 months. */
export const MAX_SECRET_LIFETIME_DAYS = 365;
const MIN_SECRET_LIFETIME_DAYS = 30;

/** Properties of a client-secret principal. */
export interface ClientSecretPrincipalProps {
  /** Display name of the app registration. */
  readonly displayName: string;
  /** Entra ID tenant of the app registration. */
  readonly tenantId: string;
  /** Days each client secret stays valid at most, 30-365. @default - 180 */
  readonly secretLifetimeDays?: number;
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

/** Splits a lifetime L into a rotation period (even, so B can run half of it behind A) and a grace. */
export function rotationSchedule(lifetimeDays: number): RotationSchedule {
  const graceDays = Math.min(30, Math.floor(lifetimeDays / 3));
  const periodDays = 2 * Math.floor((lifetimeDays - graceDays) / 2);
  return { periodDays, graceDays, lifetimeDays: periodDays + graceDays };
}

/**
 * An Entra ID app registration with its service principal and two client secrets, A and B, that
 * rotate in turn, so the secret in use is never the one being replaced.
 *
 * A is replaced every period; B's rotation time is always half a period away from A's (computed
 * from A's when B is created, then left alone). So every half period exactly one secret is
 * replaced, and `clientSecret` is always the newer one. Pods that read it through a Kubernetes
 * Secret pick the new one up at their next restart, while the one they hold stays valid for half a
 * period plus the grace. Values exist only in Terraform state and in sensitive outputs.
 */
export class ClientSecretPrincipal extends Construct implements IVaultPrincipal {
  readonly clientId: string;
  readonly principalId: string;
  readonly tenantId: string;
  /** The newer of the two secrets: a sensitive Terraform reference, never a literal. */
  readonly clientSecret: string;
  readonly schedule: RotationSchedule;
  readonly application: Application;
  readonly servicePrincipal: ServicePrincipal;
  readonly passwords: { readonly a: ApplicationPasswordA; readonly b: ApplicationPasswordA };

  constructor(scope: Construct, id: string, props: ClientSecretPrincipalProps) {
    super(scope, id);
    rules.check(rules.applicationDisplayName, 'displayName', props.displayName);
    rules.check(rules.guid, 'tenantId', props.tenantId);
    const lifetime = props.secretLifetimeDays ?? 180;
    if (!Number.isInteger(lifetime) || lifetime < MIN_SECRET_LIFETIME_DAYS || lifetime > MAX_SECRET_LIFETIME_DAYS) {
      throw new rules.ValidationError(
        `secretLifetimeDays: received ${lifetime}; expected a whole number from ${MIN_SECRET_LIFETIME_DAYS} to ${MAX_SECRET_LIFETIME_DAYS}`,
      );
    }
    this.schedule = rotationSchedule(lifetime);
    const { periodDays, graceDays } = this.schedule;
    const half = `${(periodDays / 2) * 24}h`;

    this.application = new Application(this, 'Application', {
      displayName: props.displayName,
      signInAudience: 'AzureADMyOrg',
      notes: 'Managed by cdktf: OpenMetadata access to Azure Key Vault secrets.',
    });
    this.servicePrincipal = new ServicePrincipal(this, 'ServicePrincipal', {
      clientId: this.application.clientId,
      appRoleAssignmentRequired: false,
    });

    const rotationA = new Rotating(this, 'SecretRotationA', { rotationDays: periodDays });
    const aMinusHalf = Fn.timeadd(rotationA.rotationRfc3339, `-${half}`);
    const rotationB = new Rotating(this, 'SecretRotationB', {
      // Half a period before A's next rotation if that is still ahead (the first B), else half a
      // period after it: B always falls between two rotations of A.
      rotationRfc3339: Token.asString(
        Fn.conditional(Op.gte(Fn.timecmp(aMinusHalf, Fn.plantimestamp()), 1), aMinusHalf, Fn.timeadd(rotationA.rotationRfc3339, half)),
      ),
      // Computed once, when B is created: A's later rotations must not replace B.
      lifecycle: { ignoreChanges: ['rotation_rfc3339'] },
    });
    const slot = (name: 'A' | 'B', rotation: Rotating) =>
      new ApplicationPasswordA(this, `ClientSecret${name}`, {
        applicationId: this.application.id,
        displayName: `openmetadata-secrets-manager-${name.toLowerCase()}`,
        rotateWhenChanged: { rotation: rotation.id },
        // Valid until its replacement is due, plus the grace.
        endDate: Fn.timeadd(rotation.rotationRfc3339, `${graceDays * 24}h`),
        lifecycle: { createBeforeDestroy: true },
      });
    this.passwords = { a: slot('A', rotationA), b: slot('B', rotationB) };
    this.clientId = this.application.clientId;
    this.principalId = this.servicePrincipal.objectId;
    this.tenantId = props.tenantId;
    this.clientSecret = Token.asString(
      Fn.conditional(Op.gte(rotationA.unix, rotationB.unix), this.passwords.a.value, this.passwords.b.value),
    );
  }
}
