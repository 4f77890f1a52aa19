import { AKS_CLUSTER_DOMAIN } from '../facts/azure-facts';
import { AIRFLOW_API_SERVER_SERVICE, OPENMETADATA_CHARTS, OPENMETADATA_SERVER_SERVICE } from '../facts/openmetadata-charts';

/**
 * The URLs by which the server and Airflow reach each other, derived from the release names the
 * printed `helm upgrade` commands use. Without a namespace the short Service name, which resolves
 * only inside the Service's own namespace (and is what the charts default to); with one, the
 * cluster-wide name, for a caller in another namespace.
 */
export function serviceHost(service: string, namespace?: string): string {
  return namespace === undefined ? service : `${service}.${namespace}.svc.${AKS_CLUSTER_DOMAIN}`;
}

/** The Airflow API server of release `openmetadata-dependencies`: what the server calls to deploy and run pipelines. */
export function airflowApiEndpoint(namespace?: string): string {
  const service = `${OPENMETADATA_CHARTS.releases.dependencies}${AIRFLOW_API_SERVER_SERVICE.suffix}`;
  return `http://${serviceHost(service, namespace)}:${AIRFLOW_API_SERVER_SERVICE.port}`;
}

/** The server's REST API of release `openmetadata`: what the pipelines it hands to Airflow call back. */
export function serverApiEndpoint(namespace?: string): string {
  const { port, apiPath } = OPENMETADATA_SERVER_SERVICE;
  return `http://${serviceHost(OPENMETADATA_CHARTS.releases.server, namespace)}:${port}${apiPath}`;
}
