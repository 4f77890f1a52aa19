import { readFileSync } from 'fs';
import { join } from 'path';
import { AIRFLOW_COMPONENTS, AIRFLOW_LABELLED_COMPONENTS } from '../../lib/openmetadata/openmetadata-helm-values';
import { serverEnv } from '../../lib/openmetadata/openmetadata-settings';
import { openmetadataSecretName } from '../../lib/facts/resource-names';
import { RESOURCE_PROVIDERS, TERRAFORM_FEATURE_VERSIONS, TERRAFORM_VERSION_FLOOR } from '../../lib/facts/terraform-requirements';
import { softDeleteRunbook } from '../../lib/cli/values-command';

/** What the documentation states about the code, checked against the code rather than trusted. */
const doc = (name: string) => readFileSync(join(__dirname, '..', '..', 'docs', name), 'utf8');
const deployment = doc('deployment.md');
const section = deployment.slice(deployment.indexOf('## What it needs from Azure'), deployment.indexOf('## Deploy walkthrough'));

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
    expect(named(identityRow, AIRFLOW_COMPONENTS)).toEqual([...AIRFLOW_LABELLED_COMPONENTS]);
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
