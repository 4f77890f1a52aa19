/**
 * azuread as the stand-in plays it: IDs in azuread 3.x's formats (`/applications/{object id}`,
 * `/servicePrincipals/{object id}`, `{application id}/password/{key id}`; parse packages of
 * internal/services/applications and serviceprincipals at v3.9.0), and one refusal of Microsoft
 * Graph: a caller holding only `Application.ReadWrite.OwnedBy` may manage only the applications it
 * owns (Graph permissions reference: "It cannot update any apps that it is not an owner of"), so
 * adding or removing a password of an application whose owners lack it is answered 403.
 */
import { type Obj, ProviderError, type ProviderBehaviour, type TypeBehaviour, type ApplyContext } from '../provider';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function ownsOrAll(ctx: ApplyContext, applicationId: string, what: string): void {
  if (ctx.world.graphPermission !== 'Application.ReadWrite.OwnedBy') return;
  const app = ctx.world.get('azuread_application', applicationId);
  const owners = ((app?.owners as string[] | null) ?? []).map((o) => o.toLowerCase());
  if (app && !owners.includes(ctx.world.callerObjectId.toLowerCase())) {
    const detail = `Insufficient privileges to complete the operation: the caller ${ctx.world.callerObjectId} is not an owner of ${applicationId} and holds Application.ReadWrite.OwnedBy only.`;
    ctx.world.refuse(ctx.type, applicationId, detail);
    throw new ProviderError(
      `${what} for application with object ID ${applicationId}: unexpected status 403 (403 Forbidden) with error: Authorization_RequestDenied`,
      detail,
    );
  }
}

const resources: Record<string, TypeBehaviour> = {
  azuread_application: {
    id: (o, c) => {
      o.object_id = c.world.guid(c.seed('object_id'));
      return `/applications/${str(o.object_id)}`;
    },
    computed: (o, c) => {
      if (typeof o.client_id !== 'string') o.client_id = c.world.guid(c.seed('client_id'));
    },
    update: (_o, c) => ownsOrAll(c, str(c.prior?.id), 'updating'),
  },
  azuread_service_principal: {
    id: (o, c) => {
      o.object_id = c.world.guid(c.seed('object_id'));
      return `/servicePrincipals/${str(o.object_id)}`;
    },
  },
  azuread_application_password: {
    id: (o, c) => {
      if (typeof o.key_id !== 'string') o.key_id = c.world.guid(c.seed('key_id'));
      return `${str(o.application_id)}/password/${str(o.key_id)}`;
    },
    computed: (o, c) => {
      // The secret itself: a value of the shape Entra ID hands out, different for every password.
      if (typeof o.value !== 'string') o.value = `stand-in~${c.world.guid(c.seed(`value/${str(o.key_id)}`)).replace(/-/g, '')}`;
      if (typeof o.start_date !== 'string') o.start_date = c.world.now.toISOString().replace(/\.\d{3}Z$/, 'Z');
    },
    create: (o, c) => ownsOrAll(c, str(o.application_id), 'adding password'),
    delete: (o, c) => ownsOrAll(c, str(o.application_id), 'removing password'),
  },
};

const dataSources: Record<string, TypeBehaviour> = {
  azuread_client_config: {
    read: (config: Obj, { world }) => ({
      ...config,
      id: `${world.tenantId}-${world.callerClientId}-${world.callerObjectId}`,
      tenant_id: world.tenantId,
      client_id: world.callerClientId,
      object_id: world.callerObjectId,
    }),
  },
};

export const AZUREAD: ProviderBehaviour = { legacyTypeSystem: true, resources, dataSources };
