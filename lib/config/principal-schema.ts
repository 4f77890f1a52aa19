import { z } from 'zod';
import { MAX_APPLICATION_OWNERS } from '../facts/azure-facts';
import * as rules from '../facts/naming-rules';
import { PrincipalRole } from '../facts/resource-names';
import { CLIENT_SECRET_LIFETIME_DAYS } from '../facts/secure-defaults';
import { AUTH_MODES, unreachable } from './principal-plan';
import { closedObject, oneOf, ruled, WHEN_VALID, wholeNumber } from './schema-builders';

/** What `auth` may be, as the messages say it. */
export const EXPECTED_AUTH = `expected ${AUTH_MODES.map((mode) => JSON.stringify(mode)).join(' or ')}`;

/** One principal of `principals`: its auth, where its pods run, and what each auth mode allows. */
const POD_IDENTITY_RETIRED =
  `${EXPECTED_AUTH}: AAD Pod Identity is retired upstream (deprecated 2022-10, ` +
  'AKS add-on support ended 2025-09). Switch to auth: workload-identity with the namespace and serviceAccount ' +
  'of the pods, and enable the OIDC issuer and workload identity on the AKS cluster';

export function principalSchema(role: PrincipalRole) {
  const shape = {
    auth: z
      .enum(AUTH_MODES, {
        error: (issue) => (issue.input === 'pod-identity' || issue.input === 'aad-pod-identity' ? POD_IDENTITY_RETIRED : EXPECTED_AUTH),
      })
      .optional()
      .meta({ description: 'workload-identity (managed identity + AKS Workload Identity) or client-secret (app registration).' }),
    name: z
      .string({ error: () => 'expected a string' })
      .optional()
      .meta({ description: 'Name of the managed identity or app registration. Default derived from clusterName and environment.' }),
    // Ingestion's defaults come from the server's settings (principal-plan.ts, resolvePrincipals).
    namespace: ruled(
      rules.kubernetesNamespace,
      'Kubernetes namespace the pods run in: the service account (workload-identity) or the credentials Secret (client-secret) goes there.' +
        (role === 'ingestion' ? " Default the server's namespace." : ''),
      '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$',
    ).optional(),
    serviceAccount: ruled(
      rules.kubernetesServiceAccountName,
      "Kubernetes service account the pods run as: required with workload-identity, refused otherwise; ingestion's must differ from the server's unless sameAs: server." +
        (role === 'ingestion' ? " Default (sameAs: server with a workload-identity server) the server's account." : ''),
    ).optional(),
    // The construct applies the default (ClientSecretPrincipal): stated as a JSON Schema default.
    secretRotationDays: wholeNumber(
      CLIENT_SECRET_LIFETIME_DAYS.min,
      CLIENT_SECRET_LIFETIME_DAYS.max,
      `Lifetime of each client secret in days (client-secret only); a change takes effect at each secret's next rotation. Default ${CLIENT_SECRET_LIFETIME_DAYS.default}.`,
    )
      .optional()
      .meta({ default: CLIENT_SECRET_LIFETIME_DAYS.default }),
    owners: z
      .array(ruled(rules.guid, 'Object ID of a user or service principal.', rules.GUID_PATTERN), {
        error: () => 'expected a list of object IDs (GUIDs)',
      })
      .max(MAX_APPLICATION_OWNERS - 1, {
        error: () => `expected at most ${MAX_APPLICATION_OWNERS - 1} owners (the deployer is always one)`,
      })
      .optional()
      .meta({
        description:
          'client-secret: object IDs of users or service principals that co-own the app registration, besides whoever runs Terraform (always an owner). List every identity that applies this stack. Default none besides whoever runs Terraform.',
      }),
    ...(role === 'ingestion'
      ? {
          sameAs: oneOf(
            ['server'],
            "server: the server's principal serves ingestion too (it keeps the server role); no auth or name of its own. Only with managed-azure-kv.",
          ).optional(),
        }
      : {}),
  };
  return closedObject(shape).superRefine((p, ctx) => {
    const sameAs = (p as { sameAs?: string }).sameAs;
    const bad = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (sameAs !== undefined) {
      // What the shared principal may add depends on the server's auth: checked with the environment.
      if (p.auth !== undefined) bad('auth', "expected no auth with sameAs: server (the shared principal uses the server's)");
      if (p.name !== undefined) bad('name', "expected no name with sameAs: server (the shared principal is the server's)");
      if (p.secretRotationDays !== undefined) bad('secretRotationDays', 'expected no secretRotationDays with sameAs: server');
      if (p.owners !== undefined) bad('owners', "expected no owners with sameAs: server (the shared app registration is the server's)");
      return;
    }
    if (p.auth === undefined) {
      if (role === 'ingestion') bad('auth', `${EXPECTED_AUTH}, or sameAs: server`);
      // A server without auth is right for azure-kv only: checked with the environment.
      else if (p.namespace === undefined) bad('namespace', 'expected the Kubernetes namespace of the OpenMetadata server');
      return;
    }
    switch (p.auth) {
      case 'workload-identity':
        if (p.namespace === undefined) bad('namespace', 'expected the Kubernetes namespace of the pods (required for workload-identity)');
        if (p.serviceAccount === undefined) {
          bad('serviceAccount', 'expected the Kubernetes service account of the pods (required for workload-identity)');
        }
        if (p.secretRotationDays !== undefined)
          bad('secretRotationDays', 'expected no secretRotationDays with workload-identity (there is no secret)');
        if (p.owners !== undefined) bad('owners', 'expected no owners with workload-identity (a managed identity has no app registration)');
        if (p.name !== undefined && rules.managedIdentityName(p.name)) bad('name', `expected ${rules.managedIdentityName(p.name)}`);
        break;
      case 'client-secret':
        if (role === 'server' && p.namespace === undefined) {
          bad('namespace', 'expected the Kubernetes namespace of the OpenMetadata server (its credentials Secret goes there)');
        }
        if (p.serviceAccount !== undefined) bad('serviceAccount', 'expected no serviceAccount with client-secret (nothing is federated)');
        if (p.name !== undefined && rules.applicationDisplayName(p.name)) bad('name', `expected ${rules.applicationDisplayName(p.name)}`);
        break;
      default:
        unreachable(p.auth);
    }
  }, WHEN_VALID);
}
