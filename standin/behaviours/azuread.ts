/**
 * azuread as the stand-in plays it: IDs in azuread 3.x's formats (`/applications/{object id}`,
 * `/servicePrincipals/{object id}`, and `{object id}/password/{key id}` for a password:
 * application_password_resource.go and parse/credentials.go at v3.9.0), and what Microsoft Graph
 * refuses a caller holding only `Application.ReadWrite.OwnedBy` (Graph permissions reference: "It
 * cannot update any apps that it is not an owner of"; POST /applications/{id}/owners/$ref:
 * "Application.ReadWrite.OwnedBy isn't sufficient to add another owner",
 * https://learn.microsoft.com/en-us/graph/api/application-post-owners): a password added to
 * or removed from an application it does not own, and an owner added to any application, are
 * answered 403 (an application created with owners binds them in the create request, which the
 * caller then owns). The error summaries are azuread's (`Adding password for Application
 * (Application: "<object id>")`: tf.ErrorDiagF with go-azure-sdk's ApplicationId.String()).
 */
import { type Obj, ProviderError, type ProviderBehaviour, type TypeBehaviour, type ApplyContext } from '../provider';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

const DENIED =
  'unexpected status 403 (403 Forbidden) with error: Authorization_RequestDenied: Insufficient privileges to complete the operation.';

/** go-azure-sdk's ApplicationId.String(), from the ID `/applications/{object id}`. */
const applicationName = (id: string) => `Application (Application: "${id.split('/').pop() ?? ''}")`;

function ownsOrAll(ctx: ApplyContext, applicationId: string, what: string): void {
  if (ctx.world.graphPermission !== 'Application.ReadWrite.OwnedBy') return;
  const app = ctx.world.get('azuread_application', applicationId);
  const owners = ((app?.owners as string[] | null) ?? []).map((o) => o.toLowerCase());
  if (app && !owners.includes(ctx.world.callerObjectId.toLowerCase())) {
    ctx.world.refuse(ctx.type, applicationId, DENIED);
    throw new ProviderError(`${what} for ${applicationName(applicationId)}`, DENIED);
  }
}

/** An update that adds owners needs more than Application.ReadWrite.OwnedBy, whoever owns the application. */
function ownersAdded(o: Obj, ctx: ApplyContext): void {
  if (ctx.world.graphPermission === 'Application.ReadWrite.All') return;
  const before = new Set(((ctx.prior?.owners as string[] | null) ?? []).map((x) => x.toLowerCase()));
  const added = ((o.owners as string[] | null) ?? []).filter((x) => !before.has(x.toLowerCase()));
  if (added.length > 0) {
    ctx.world.refuse(ctx.type, str(o.id), DENIED);
    // application_resource.go (v3.9.0) Update: AddOwnerRef for each owner not there yet.
    throw new ProviderError(`Could not add owners to application with object ID: "${str(o.id).split('/').pop() ?? ''}"`, DENIED);
  }
}

const resources: Record<string, TypeBehaviour> = {
  azuread_application: {
    id: (o, c) => {
      o.object_id = c.world.guid(c.seed('object_id'));
      return `/applications/${str(o.object_id)}`;
    },
    computes: ['object_id', 'client_id'],
    computed: (o, c) => {
      if (typeof o.client_id !== 'string') o.client_id = c.world.guid(c.seed('client_id'));
    },
    update: (o, c) => {
      ownsOrAll(c, str(c.prior?.id), 'Updating');
      ownersAdded(o, c);
    },
  },
  azuread_service_principal: {
    computes: ['object_id'],
    id: (o, c) => {
      o.object_id = c.world.guid(c.seed('object_id'));
      return `/servicePrincipals/${str(o.object_id)}`;
    },
  },
  azuread_application_password: {
    id: (o, c) => {
      if (typeof o.key_id !== 'string') o.key_id = c.world.guid(c.seed('key_id'));
      return `${str(o.application_id).split('/').pop() ?? ''}/password/${str(o.key_id)}`;
    },
    computes: ['key_id', 'value', 'start_date'],
    computed: (o, c) => {
      // The secret itself: a value of the shape Entra ID hands out, different for every password.
      if (typeof o.value !== 'string') o.value = `stand-in~${c.world.guid(c.seed(`value/${str(o.key_id)}`)).replace(/-/g, '')}`;
      if (typeof o.start_date !== 'string') o.start_date = c.world.now.toISOString().replace(/\.\d{3}Z$/, 'Z');
    },
    create: (o, c) => ownsOrAll(c, str(o.application_id), 'Adding password'),
    delete: (o, c) => ownsOrAll(c, str(o.application_id), 'Removing password'),
  },
};

const dataSources: Record<string, TypeBehaviour> = {
  azuread_client_config: {
    computes: ['tenant_id', 'client_id', 'object_id'],
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
