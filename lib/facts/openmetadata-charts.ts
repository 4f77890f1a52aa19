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
} as const;
