/**
 * The OpenMetadata Helm charts the generated values are checked against: `openmetadata` and
 * `openmetadata-dependencies` 1.13.1 (open-metadata/openmetadata-helm-charts, released together
 * under one version; the dependencies chart pins the Apache Airflow chart 1.18.0). The printed
 * `helm upgrade` commands install exactly this version, so a newer chart is a deliberate bump here.
 */
export const OPENMETADATA_CHARTS = {
  repositoryName: 'open-metadata',
  repositoryUrl: 'https://helm.open-metadata.org/',
  version: '1.13.1',
  /** Both charts' Chart.yaml `appVersion`: the OpenMetadata release they run. */
  appVersion: '1.13.1',
  /** The Apache Airflow chart the dependencies chart pins (charts/deps/Chart.yaml `dependencies` at 1.13.1). */
  airflowChartVersion: '1.18.0',
  /**
   * The release names the printed commands install under. The charts name their Services after
   * them, so the endpoints below follow from these names.
   */
  releases: { server: 'openmetadata', dependencies: 'openmetadata-dependencies' },
} as const;

/**
 * Chart `openmetadata` 1.13.1: the server's Service is `OpenMetadata.fullname` (templates/_helpers.tpl:
 * the release name alone when it contains the chart name, as `openmetadata` does) on `service.port`
 * 8585 (values.yaml); its REST API is under `/api` (the chart's default `metadataApiEndpoint`).
 */
export const OPENMETADATA_SERVER_SERVICE = { port: 8585, apiPath: '/api' } as const;

/**
 * Where chart `openmetadata` 1.13.1 looks for its database and search engine by default
 * (values.yaml `openmetadata.config.database.host`, `elasticsearch.host`): the Service names the
 * dependencies chart 1.13.1 gives its MySQL and OpenSearch (their `fullnameOverride`s), short names
 * that resolve only in the namespace they run in.
 */
export const OPENMETADATA_CHART_DATA_HOSTS = { database: 'mysql', search: 'opensearch' } as const;

/**
 * Apache Airflow chart 1.18.0 (templates/api-server/api-server-service.yaml): the API server's
 * Service is `<airflow.fullname>-api-server` on `ports.apiServer` 8080. `airflow.fullname` is the
 * release name while `useStandardNaming` is false (the chart's default; the dependencies chart
 * 1.13.1 sets neither it nor a fullnameOverride), and a subchart shares its parent's release.
 */
export const AIRFLOW_API_SERVER_SERVICE = { suffix: '-api-server', port: 8080 } as const;

/**
 * The image the Kubernetes pipeline client runs: chart `openmetadata` 1.13.1 defaults
 * `pipelineServiceClientConfig.k8s.ingestionImage` to this repository at `latest` (values.yaml),
 * which moves under a running server; pinned to the release the chart ships.
 */
export const OPENMETADATA_INGESTION_IMAGE = `docker.getcollate.io/openmetadata/ingestion-base:${OPENMETADATA_CHARTS.appVersion}`;

/**
 * Chart `openmetadata` 1.13.1 with `pipelineServiceClientConfig.type: k8s`: the server reads the
 * jobs' settings from the Secret `<OpenMetadata.fullname>-pipeline-secret`, whose key
 * `K8S_EXTRA_ENV_VARS` holds `k8s.extraEnvVars` (templates/secrets.yaml), and the jobs run as
 * `k8s.serviceAccountName`, by default `openmetadata-ingestion` (values.yaml), which
 * templates/k8s-pipeline-rbac.yaml creates with its Role in the release namespace.
 */
export const OPENMETADATA_K8S_PIPELINE = {
  secretName: `${OPENMETADATA_CHARTS.releases.server}-pipeline-secret`,
  envKey: 'K8S_EXTRA_ENV_VARS',
  serviceAccount: 'openmetadata-ingestion',
  /**
   * The verbs on `secrets` of both Roles templates/k8s-pipeline-rbac.yaml renders while
   * `k8s.rbac.enabled` (default true, which the generated values keep): the jobs' and
   * `openmetadata-server-pipeline-manager`, bound to the server's account. Every Secret of the namespace.
   */
  roleSecretVerbs: ['get', 'list', 'create', 'update', 'patch', 'delete'],
} as const;
