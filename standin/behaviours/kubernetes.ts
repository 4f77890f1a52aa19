/**
 * kubernetes as the stand-in plays it (terraform-provider-kubernetes v3.2.1): IDs `{namespace}/{name}`
 * (resource_kubernetes_service_account_v1.go, resource_kubernetes_secret_v1.go: buildId), and
 * creating an object that exists fails with the API server's AlreadyExists. Configuration: 3.2.1
 * muxes the SDKv2 provider with the manifest provider (internal/mux/mux.go), and the mux stops at the
 * first error of either. A config_path (or KUBE_CONFIG_PATH) that does not exist is that error
 * (manifest/provider/configure.go), so every plan fails; with neither a host nor a kubeconfig the
 * manifest provider lets the empty configuration through and the SDKv2 client falls back to an empty
 * rest config (kubernetes/provider.go), so plans of new objects pass and every read and apply fails.
 */
import * as os from 'os';
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
    computes: ['metadata.uid', 'metadata.resource_version', 'metadata.generation', 'default_secret_name'],
    computed: (o, c) => {
      const m = metadata(o);
      if (m.uid === UNKNOWN) m.uid = c.world.guid(c.seed('uid'));
      if (m.resource_version === UNKNOWN) m.resource_version = '1';
      if (m.generation === UNKNOWN) m.generation = 0;
      // Kubernetes 1.24 and later make no token Secret for a service account: the provider reads ''.
      if (o.default_secret_name === UNKNOWN) o.default_secret_name = '';
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

/** Where the provider would connect, or why it cannot (see the file comment). */
function kubernetesEndpoint(config: Obj, world: World): ReturnType<NonNullable<ProviderBehaviour['configure']>> {
  const configPath = str(config.config_path) || (process.env.KUBE_CONFIG_PATH ?? '');
  const configPaths = ((config.config_paths as string[] | null) ?? []).concat(
    (process.env.KUBE_CONFIG_PATHS ?? '').split(':').filter(Boolean),
  );
  const missing = [configPath, ...configPaths].filter((p) => p !== '' && !world.kubeconfigs.has(p));
  if (missing.length > 0) {
    // homedir.Expand, as the manifest provider does before its os.Stat.
    const path = missing[0].replace(/^~(?=\/|$)/, os.homedir());
    return {
      error: {
        summary: 'Invalid attribute in provider configuration',
        detail: `'config_path' refers to an invalid path: "${path}": stat ${path}: no such file or directory`,
      },
    };
  }
  if (str(config.host) || process.env.KUBE_HOST || configPath || configPaths.length > 0) return undefined;
  return {
    unreachable:
      'Get "http://localhost/api/v1/namespaces": dial tcp [::1]:80: connect: connection refused (the provider has neither a host nor a kubeconfig)',
  };
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
