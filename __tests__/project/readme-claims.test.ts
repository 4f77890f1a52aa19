import { readFileSync } from 'fs';
import { join } from 'path';
import { softDeleteRunbook } from '../../lib/cli/values-command';
import { OPENMETADATA_CHARTS, OPENMETADATA_INGESTION_IMAGE } from '../../lib/facts/openmetadata-charts';
import { PROVIDERS } from '../../lib/facts/provider-versions';
import { openmetadataSecretName } from '../../lib/facts/resource-names';
import { RESOURCE_PROVIDERS, TERRAFORM_FEATURE_VERSIONS, TERRAFORM_VERSION_FLOOR } from '../../lib/facts/terraform-requirements';
import { AIRFLOW_COMPONENTS, dependenciesValuesWithoutAirflow } from '../../lib/openmetadata/openmetadata-helm-values';
import { serverEnv } from '../../lib/openmetadata/openmetadata-settings';
import { airflowApiEndpoint, serverApiEndpoint } from '../../lib/openmetadata/service-endpoints';

/** What the documentation states about the code, checked against the code rather than trusted. */
const doc = (name: string) => readFileSync(join(__dirname, '..', '..', 'docs', name), 'utf8');
const deployment = doc('deployment.md');
const section = deployment.slice(deployment.indexOf('## What it needs from Azure'), deployment.indexOf('## Deploy walkthrough'));

// A chart bump changes lib/facts/openmetadata-charts.ts; the hand-written install commands must follow.
test('the helm commands in the docs install the chart version the values are checked against', () => {
  const versions = [...`${deployment}\n${doc('operations.md')}`.matchAll(/helm upgrade --install .*?--version (\S+)/g)].map((m) => m[1]);
  expect(versions.length).toBeGreaterThan(0);
  expect(new Set(versions)).toEqual(new Set([OPENMETADATA_CHARTS.version]));
});

test('the section exists', () => {
  expect(section.length).toBeGreaterThan(500);
});

test.each(Object.values(RESOURCE_PROVIDERS))('names the resource provider %s', (namespace) => {
  expect(section).toContain(`\`${namespace}\``);
});

test('states the Terraform floor and the version a Terraform Cloud project needs', () => {
  expect(section).toContain(`\`>= ${TERRAFORM_VERSION_FLOOR}\``);
  expect(section).toContain(`\`>= ${TERRAFORM_FEATURE_VERSIONS.cloudWorkspaceProject}\``);
});

test('names the Graph permission a least-privileged deployer of client secrets has', () => {
  expect(section).toContain('`Application.ReadWrite.OwnedBy`');
});

describe('After deploy and Operations say what the code does', () => {
  const afterDeploy = `${deployment.slice(deployment.indexOf('## After deploy'))}\n${doc('operations.md')}`;

  test('the Airflow rows name exactly the components the values set', () => {
    const envRow = afterDeploy.split('\n').find((l) => l.includes('`airflow.<component>.env`')) as string;
    const identityRow = afterDeploy.split('\n').find((l) => l.startsWith('| chart `openmetadata-dependencies`: pod identity')) as string;
    const named = (row: string, list: readonly string[]) =>
      list.filter((c) => new RegExp(`\\b${c}\\b`).test(row.split('|')[1] + row.split('|')[2]));
    expect(named(envRow, AIRFLOW_COMPONENTS)).toEqual([...AIRFLOW_COMPONENTS]);
    expect(named(identityRow, AIRFLOW_COMPONENTS)).toEqual([...AIRFLOW_COMPONENTS]);
  });

  test('the endpoints across namespaces are the ones generated', () => {
    const row = afterDeploy
      .split('\n')
      .find((l) => l.startsWith('| chart `openmetadata`: `pipelineServiceClientConfig` when Airflow')) as string;
    expect(row).toContain(`\`metadataApiEndpoint: ${serverApiEndpoint('<server ns>')}\``);
    expect(row).toContain(`\`airflow.apiEndpoint: ${airflowApiEndpoint('<ingestion ns>')}\``);
    expect(afterDeploy).toContain(`\`${airflowApiEndpoint()}\``);
    expect(afterDeploy).toContain(`\`${serverApiEndpoint()}\``);
  });

  test('the Kubernetes Jobs image and dependencies values are the ones generated', () => {
    expect(afterDeploy).toContain(`\`${OPENMETADATA_INGESTION_IMAGE}\``);
    expect(afterDeploy).toContain('`airflow: {enabled: false}`');
    expect(dependenciesValuesWithoutAirflow()).toEqual({ airflow: { enabled: false } });
  });

  test('the example secret name is the one the server builds', () => {
    expect(afterDeploy).toContain(`\`${openmetadataSecretName('sbx-', 'openmetadata', ['Database', 'My DB', 'password'])}\``);
  });

  test('the azure-kv server settings are the ones generated', () => {
    const env = serverEnv({ provider: 'azure-kv', vaultName: 'kv', clusterName: 'openmetadata', prefix: '', secretTags: {} });
    expect(afterDeploy).toContain(
      `\`server_env\`\nis \`${Object.entries(env)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}\``,
    );
  });

  test('the runbook commands are the ones npm run values prints', () => {
    const printed = softDeleteRunbook('<vault>', '<secret_name_head>').filter((l) => l.startsWith('az '));
    expect(printed[0]).toBe(
      "az keyvault secret list-deleted --vault-name '<vault>' --query '[?starts_with(name, `\"<secret_name_head>-\"`)].{name:name, deleted:deletedDate}' -o table",
    );
    expect(afterDeploy).toContain(printed[0]);
    expect(afterDeploy).toContain("az keyvault secret recover --vault-name '<vault>' --name <name>");
  });
});

describe('the provider versions the docs state are the ones declared', () => {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  const operations = doc('operations.md');
  const table = operations.slice(operations.indexOf('## Provider versions'), operations.indexOf('### Before 2027-02-27'));

  test.each(Object.entries(PROVIDERS))('operations.md: %s row names its binding and declared versions', (_name, p) => {
    const row = table.split('\n').find((l) => l.startsWith(`| \`${p.source}\``));
    expect(
      row
        ?.split('|')
        .slice(2, 4)
        .map((c) => c.trim()),
    ).toEqual([p.binding, p.version]);
  });

  test.each(Object.entries(PROVIDERS))('README: the pinning paragraph names %s at both versions', (name, p) => {
    expect(readme).toContain(`${name} ${p.binding}`);
    expect(readme).toContain(`${name} ${p.version}`);
  });

  test('README and operations.md give the deadline and the command', () => {
    for (const text of [readme, operations]) {
      expect(text).toContain('2027-02-27');
      expect(text).toContain('terraform init -upgrade');
    }
  });
});
