/**
 * kubernetes as the stand-in plays it (terraform-provider-kubernetes v3.2.1): IDs `{namespace}/{name}`
 * (resource_kubernetes_service_account_v1.go, resource_kubernetes_secret_v1.go: buildId), creating
 * an object that exists fails with the API server's AlreadyExists, and a provider without a host or
 * a kubeconfig the world has fails every call (kubernetes/provider.go: with neither, the client
 * falls back to localhost, which answers nothing).
 */
import { UNKNOWN } from '../cty';
import { type Obj, ProviderError, type ProviderBehaviour, type TypeBehaviour } from '../provider';
import type { World } from '../world';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function metadata(o: Obj): Obj {
  return ((o.metadata as Obj[] | null) ?? [])[0] ?? {};
}

function objectBehaviour(kind: string, plural: string): TypeBehaviour {
  return {
    id: (o) => {
      const m = metadata(o);
      return `${str(m.namespace) || 'default'}/${str(m.name)}`;
    },
    // Set by the API server at create; an in-place update keeps what the plan carried over.
    computed: (o, c) => {
      const m = metadata(o);
      if (m.uid === UNKNOWN) m.uid = c.world.guid(c.seed('uid'));
      if (m.resource_version === UNKNOWN) m.resource_version = '1';
      if (m.generation === UNKNOWN) m.generation = 0;
    },
    create: (o, c) => {
      if (c.world.get(c.type, str(o.id)) || c.world.clusterObjects.has(`${plural}/${str(o.id)}`)) {
        const name = str(metadata(o).name);
        throw new ProviderError(
          `${plural} "${name}" already exists`,
          `Failed to create ${kind} ${str(o.id)}: the API server answered AlreadyExists.`,
        );
      }
    },
  };
}

/** Where the provider would connect, or why it cannot. */
export function kubernetesEndpoint(config: Obj, world: World): string | undefined {
  if (str(config.host)) return undefined;
  const paths = [str(config.config_path), ...(((config.config_paths as string[] | null) ?? []) as string[])].filter(Boolean);
  if (paths.some((p) => world.kubeconfigs.has(p))) return undefined;
  if (paths.length > 0) return `invalid configuration: ${paths.join(', ')}: no such file or directory`;
  return 'Get "http://localhost/api/v1": dial tcp [::1]:80: connect: connection refused (the provider has neither a host nor a kubeconfig)';
}

export const KUBERNETES: ProviderBehaviour = {
  legacyTypeSystem: true,
  resources: {
    kubernetes_service_account_v1: objectBehaviour('ServiceAccount', 'serviceaccounts'),
    kubernetes_secret_v1: objectBehaviour('Secret', 'secrets'),
  },
  dataSources: {},
  configure: kubernetesEndpoint,
};
