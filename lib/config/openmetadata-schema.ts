import { OPENMETADATA_DEFAULT_CLUSTER_NAME } from '../facts/azure-facts';
import * as rules from '../facts/naming-rules';
import { closedObject, oneOf, ruled, stringMap } from './schema-builders';

/** The `openmetadata` section: the secrets manager, the pipeline client and the secret names. */
export const openmetadataSchema = closedObject({
  secretsManager: oneOf(
    ['managed-azure-kv', 'azure-kv'],
    'managed-azure-kv: the server keeps connection secrets in the vault (Secrets Officer). azure-kv: the server keeps them in its database and never calls the vault; only ingestion reads secrets you put there yourself (Secrets User).',
  ).default('managed-azure-kv'),
  pipelineClient: oneOf(
    ['airflow', 'k8s'],
    "How the server runs ingestion: airflow (chart openmetadata-dependencies) or k8s (Kubernetes Jobs in the server's namespace: needs a client-secret ingestion principal, since the job pods cannot carry the workload identity label). Default airflow.",
  ).default('airflow'),
  clusterName: ruled(
    rules.secretNameSegment,
    'OPENMETADATA_CLUSTER_NAME: part of every secret name; letters, digits and hyphens, starting and ending with a letter or digit. Default openmetadata.',
  ).default(OPENMETADATA_DEFAULT_CLUSTER_NAME),
  prefix: ruled(
    rules.secretNamePrefix,
    'SECRET_MANAGER_PREFIX: put before the cluster name in every secret name, with nothing between (end it with "-" for a separator); letters, digits and hyphens, prefix and cluster name together at most 64 characters. Two environments in one vault must not write overlapping names. Only with managed-azure-kv. Default none.',
    '^[a-zA-Z0-9-]*$',
  ).default(''),
  secretTags: stringMap(
    rules.secretTagText,
    rules.secretTagText,
    15,
    'SECRET_MANAGER_TAGS: tags put on every secret OpenMetadata writes; no : , [ ] or spaces (sent as ["key:value",...], the chart\'s form). Only with managed-azure-kv.',
  ).default({}),
});
