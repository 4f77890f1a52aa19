import { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import type { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { Construct } from 'constructs';
import {
  MAX_FEDERATED_CREDENTIALS_PER_IDENTITY,
  serviceAccountSubject,
  WORKLOAD_IDENTITY_ANNOTATIONS,
  WORKLOAD_IDENTITY_AUDIENCE,
} from '../facts/azure-facts';
import { ValidationError } from '../facts/errors';
import { IMPORT_ID_FORMATS, parseFederatedCredentialId } from '../facts/import-ids';
import * as rules from '../facts/naming-rules';
import { federatedCredentialName } from '../facts/resource-names';
import { checkLiteral } from './check-literal';
import { KubernetesObjects } from './kubernetes-objects';
import { MovedBlock } from './moved-block';
import { siblingAddress } from './terraform-address';
import { IVaultPrincipal } from './vault-principal';

/** A Kubernetes service account whose pods authenticate as the identity. */
export interface KubernetesServiceAccountRef {
  /** Namespace of the pods. */
  readonly namespace: string;
  /** Name of the service account the pods run as. */
  readonly name: string;
  /**
   * A hand-made federated credential for this account, by import ID: the stack imports it and keeps
   * its name (a credential cannot be renamed in place, and Azure refuses a second one for the same
   * issuer and subject). @default - a new credential, named after the account
   */
  readonly adoptedCredentialId?: string;
}

/** Properties of a workload identity principal. */
export interface WorkloadIdentityPrincipalProps {
  /** Name of the user-assigned managed identity. */
  readonly identityName: string;
  /** Resource group of the identity. */
  readonly resourceGroupName: string;
  /** Azure region of the identity. */
  readonly location: string;
  /** Entra ID tenant; annotated on the service accounts. */
  readonly tenantId: string;
  /** The AKS cluster's OIDC issuer URL (https). */
  readonly oidcIssuerUrl: string;
  /** Service accounts to federate; more can be added with addServiceAccount. @default - none */
  readonly serviceAccounts?: readonly KubernetesServiceAccountRef[];
  /** Prepended to federated credential names so environments sharing an identity cannot clash. @default - none */
  readonly credentialNamePrefix?: string;
  /** Tags on the identity. @default - none */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A user-assigned managed identity used through AKS Workload Identity: for each Kubernetes service
 * account, a federated identity credential trusting the cluster's OIDC issuer and the account itself,
 * annotated with the identity's client ID. No secret exists anywhere.
 */
export class WorkloadIdentityPrincipal extends Construct implements IVaultPrincipal {
  readonly clientId: string;
  readonly principalId: string;
  readonly tenantId: string;
  /** The underlying azurerm_user_assigned_identity. */
  readonly identity: UserAssignedIdentity;
  /** The Kubernetes service accounts trusted, in the order added. */
  readonly serviceAccounts: KubernetesServiceAccountRef[] = [];
  /** The managed service account resources, by `namespace-name`. */
  private readonly accountResources = new Map<string, ServiceAccountV1>();
  private readonly credentials: FederatedIdentityCredential[] = [];
  private readonly subjects = new Set<string>();
  /** Credential name -> the account it federates: names must be unique per identity. */
  private readonly credentialNames = new Map<string, string>();

  constructor(
    scope: Construct,
    id: string,
    private readonly props: WorkloadIdentityPrincipalProps,
  ) {
    super(scope, id);
    rules.check(rules.managedIdentityName, 'identityName', props.identityName, this);
    // A reference (read from the cluster at plan) is checked there, by the cluster's postcondition.
    checkLiteral(rules.httpsUrl, 'oidcIssuerUrl', props.oidcIssuerUrl, this);
    rules.check(rules.guid, 'tenantId', props.tenantId, this);

    this.identity = new UserAssignedIdentity(this, 'Identity', {
      name: props.identityName,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.clientId = this.identity.clientId;
    this.principalId = this.identity.principalId;
    this.tenantId = props.tenantId;
    for (const account of props.serviceAccounts ?? []) this.addServiceAccount(account);
  }

  /**
   * Trusts one more Kubernetes service account: a federated credential and the annotated account.
   * Adding an account already trusted is a no-op (issuer + subject must be unique per identity).
   */
  addServiceAccount(account: KubernetesServiceAccountRef): void {
    rules.check(rules.kubernetesNamespace, 'namespace', account.namespace, this);
    rules.check(rules.kubernetesServiceAccountName, 'serviceAccount', account.name, this);
    const subject = serviceAccountSubject(account.namespace, account.name);
    if (this.subjects.has(subject)) return;
    if (this.subjects.size >= MAX_FEDERATED_CREDENTIALS_PER_IDENTITY) {
      throw new ValidationError(
        `${this.node.path}: received a federated credential number ${this.subjects.size + 1}; expected at most ${MAX_FEDERATED_CREDENTIALS_PER_IDENTITY} per identity`,
        this,
      );
    }
    const adopted = account.adoptedCredentialId === undefined ? undefined : parseFederatedCredentialId(account.adoptedCredentialId);
    if (account.adoptedCredentialId !== undefined && adopted === undefined) {
      throw new ValidationError(
        `${this.node.path}: received adoptedCredentialId ${account.adoptedCredentialId}; expected ${IMPORT_ID_FORMATS.federatedCredential}`,
        this,
      );
    }
    const name = adopted?.credentialName ?? federatedCredentialName(this.props.credentialNamePrefix, account.namespace, account.name);
    const holder = this.credentialNames.get(name);
    if (holder !== undefined) {
      throw new ValidationError(
        `${this.node.path}: received service account ${account.namespace}/${account.name}, whose federated credential name ${name} ` +
          `is already used for ${holder} on this identity; expected accounts whose namespace and name, joined with "-" and with "." read as "-", differ (a-b/c and a/b-c, or a/b.c and a/b-c, give one name)`,
        this,
      );
    }
    this.credentialNames.set(name, `${account.namespace}/${account.name}`);
    this.subjects.add(subject);

    // IDs derive from the account, not its position, so reordering the config replaces nothing.
    const key = `${account.namespace}-${account.name}`;
    const previous = this.credentials[this.credentials.length - 1];
    const credential = new FederatedIdentityCredential(this, `FederatedCredential-${key}`, {
      name,
      resourceGroupName: this.props.resourceGroupName,
      parentId: this.identity.id,
      issuer: this.props.oidcIssuerUrl,
      subject,
      audience: [WORKLOAD_IDENTITY_AUDIENCE],
      // Azure rejects concurrent credential writes on one identity (409
      // ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity). azurerm 4.81 already
      // writes one identity's credentials in turn within a run (locks.ByID in
      // federated_identity_credential_resource.go); the chain keeps that order in the plan too.
      dependsOn: previous ? [previous] : undefined,
    });
    // azurerm 4.65 renamed parent_id to user_assigned_identity_id and 4.60 deprecated
    // resource_group_name (federated_identity_credential_resource.go at v4.81.0: both still
    // accepted, ExactlyOneOf; 5.0 removes them). The 4.55 binding knows only the old names.
    credential.addOverride('user_assigned_identity_id', this.identity.id);
    credential.addOverride('parent_id', undefined);
    credential.addOverride('resource_group_name', undefined);
    // The parsed ID holds no `$`, brace or quote: plain data in the JSON.
    if (account.adoptedCredentialId !== undefined) credential.importFrom(account.adoptedCredentialId);
    this.credentials.push(credential);

    this.serviceAccounts.push(account);
    const resource = KubernetesObjects.of(this).addServiceAccount(
      this,
      `ServiceAccount-${key}`,
      {
        namespace: account.namespace,
        name: account.name,
        annotations: {
          [WORKLOAD_IDENTITY_ANNOTATIONS.clientId]: this.clientId,
          [WORKLOAD_IDENTITY_ANNOTATIONS.tenantId]: this.tenantId,
        },
      },
      // Token exchange works only once the credential exists: pods started earlier would fail auth.
      [credential],
    );
    if (resource) this.accountResources.set(key, resource);
  }

  /**
   * Says that an account this principal federates may be in state under another principal's
   * construct (`formerPrincipalId`, a sibling of this one): ingestion's account moves between the
   * server's principal and its own when `sameAs: server` is switched. A `moved` block takes it over
   * in place; without it the old address is destroyed and the new one created with nothing ordering
   * the two (the account is gone for a moment, or the create fails with AlreadyExists). Terraform
   * ignores a `moved` block whose source is not in state, so the block is safe in every
   * configuration. Does nothing for accounts the stack does not manage.
   */
  moveServiceAccountFrom(account: KubernetesServiceAccountRef, formerPrincipalId: string): void {
    const key = `${account.namespace}-${account.name}`;
    const resource = this.accountResources.get(key);
    if (!resource) return;
    new MovedBlock(
      this,
      `ServiceAccountMovedFrom${formerPrincipalId}-${key}`,
      `${resource.terraformResourceType}.${siblingAddress(this, formerPrincipalId, `ServiceAccount-${key}`)}`,
      resource,
    );
  }
}
