import { Application } from '@cdktf/provider-azuread/lib/application';
import { ApplicationPasswordA } from '@cdktf/provider-azuread/lib/application-password';
import { ServicePrincipal } from '@cdktf/provider-azuread/lib/service-principal';
import { Rotating } from '@cdktf/provider-time/lib/rotating';
import { Fn } from 'cdktf';
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
  /** Days each client secret stays valid, 30-365. @default - 180 */
  readonly secretLifetimeDays?: number;
}

/**
 * An Entra ID app registration with its service principal and a client secret that rotates.
 * Each secret lives `secretLifetimeDays`; a replacement is created on the first apply once
 * that lifetime is less than `renewBeforeDays` from its end, so a deploy in that window renews it
 * before the running server sees it expire. The value exists only in Terraform state and in
 * sensitive outputs.
 */
export class ClientSecretPrincipal extends Construct implements IVaultPrincipal {
  readonly clientId: string;
  readonly principalId: string;
  readonly tenantId: string;
  /** The client secret: a sensitive Terraform token, never a literal. */
  readonly clientSecret: string;
  /** Days before expiry from which an apply replaces the secret. */
  readonly renewBeforeDays: number;
  readonly application: Application;
  readonly servicePrincipal: ServicePrincipal;
  readonly password: ApplicationPasswordA;

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
    this.renewBeforeDays = Math.min(30, Math.floor(lifetime / 2));

    this.application = new Application(this, 'Application', {
      displayName: props.displayName,
      signInAudience: 'AzureADMyOrg',
      notes: 'Managed by cdktf: OpenMetadata access to Azure Key Vault secrets.',
    });
    this.servicePrincipal = new ServicePrincipal(this, 'ServicePrincipal', {
      clientId: this.application.clientId,
      appRoleAssignmentRequired: false,
    });
    const rotation = new Rotating(this, 'SecretRotation', {
      rotationDays: lifetime - this.renewBeforeDays,
    });
    this.password = new ApplicationPasswordA(this, 'ClientSecret', {
      applicationId: this.application.id,
      displayName: 'openmetadata-secrets-manager',
      // Anchored to the rotation's base time, so the end date only moves when the secret is replaced.
      endDate: Fn.timeadd(rotation.rfc3339, `${lifetime * 24}h`),
      rotateWhenChanged: { rotation: rotation.id },
      // The new secret exists before the old one is deleted.
      lifecycle: { createBeforeDestroy: true },
    });
    this.clientId = this.application.clientId;
    this.principalId = this.servicePrincipal.objectId;
    this.tenantId = props.tenantId;
    this.clientSecret = this.password.value;
  }
}
