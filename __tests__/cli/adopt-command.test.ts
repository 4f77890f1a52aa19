import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse as parseYaml } from 'yaml';
import { adoptQueries, adoptSection, runAdopt } from '../../lib/cli/adopt-command';
import { loadConfigFile } from '../../lib/config/load-config';
import { environmentWith, parse } from '../helpers';

/**
 * `npm run adopt`: the queries that find a hand-made setup, and the `adopt:` section their answers
 * give. The answers in fixtures/adopt-recorded/ are shaped as az 2.x and kubectl print them (the
 * fields read here: id, location, properties.*, principalId, subject, roleDefinitionName, appId,
 * metadata); they were written for these tests, not recorded from a live tenant here.
 */

const ROOT = path.join(__dirname, '..', '..');
const EXAMPLE = 'examples/adopt-manual-setup.yaml';
const RECORDED = path.join(__dirname, '..', 'fixtures', 'adopt-recorded');
const example = loadConfigFile(path.join(ROOT, EXAMPLE)).environments.prod;

function run(argv: string[], configFile = EXAMPLE): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = runAdopt(
    argv,
    { OM_AZURE_CONFIG: path.join(ROOT, configFile) },
    { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
  );
  return { code, stdout, stderr };
}

function folderWith(files: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-adopt-'));
  for (const [name, json] of Object.entries(files))
    fs.writeFileSync(path.join(dir, name), typeof json === 'string' ? json : JSON.stringify(json));
  return dir;
}

test('prints the queries that find each object by the names the configuration gives, each writing its JSON', () => {
  expect(adoptQueries('prod', example, 'adopt/prod')).toEqual([
    'az group show --name rg-openmetadata -o json > adopt/prod/resource-group.json',
    'az keyvault show --resource-group rg-openmetadata --name kv-openmetadata-handmade -o json > adopt/prod/key-vault.json',
    'az role assignment list --scope /subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-openmetadata/providers/Microsoft.KeyVault/vaults/kv-openmetadata-handmade -o json > adopt/prod/role-assignments.json',
    'az identity show --resource-group rg-openmetadata --name openmetadata-server-identity -o json > adopt/prod/identity-server.json',
    'az identity federated-credential list --resource-group rg-openmetadata --identity-name openmetadata-server-identity -o json > adopt/prod/federated-credentials-server.json',
    'kubectl get serviceaccount --namespace openmetadata openmetadata -o json > adopt/prod/service-account-openmetadata-openmetadata.json',
    'az identity show --resource-group rg-openmetadata --name id-openmetadata-prod-ingestion -o json > adopt/prod/identity-ingestion.json',
    'az identity federated-credential list --resource-group rg-openmetadata --identity-name id-openmetadata-prod-ingestion -o json > adopt/prod/federated-credentials-ingestion.json',
    'kubectl get serviceaccount --namespace openmetadata airflow-ingestion -o json > adopt/prod/service-account-openmetadata-airflow-ingestion.json',
  ]);
});

test("turns the recorded answers into the example's adopt section, noting what was not found", () => {
  const section = adoptSection('prod', example, RECORDED);
  const { adopt } = parseYaml(fs.readFileSync(path.join(ROOT, EXAMPLE), 'utf8')).environments.prod;
  expect(parseYaml(section.yaml)).toEqual({ adopt });
  expect(section.notes).toEqual(['ingestion: no identity-ingestion.json, nothing adopted for it']);
});

test('client secret: the app registration and service principal by object ID, and how to delete the hand-made secret', () => {
  const config = environmentWith((e) => {
    e.principals.server = { auth: 'client-secret', namespace: 'openmetadata', name: 'OpenMetadata Server' };
  });
  const folder = folderWith({
    'application-server.json': [
      { id: '22222222-3333-4444-5555-666666666666', appId: 'dddddddd-4444-4555-8666-777777777777', displayName: 'OpenMetadata Server' },
    ],
    'service-principal-server.json': [{ id: '33333333-4444-5555-6666-777777777777', appId: 'dddddddd-4444-4555-8666-777777777777' }],
    'role-assignments.json': [
      {
        id: `/subscriptions/${config.subscriptionId}/resourceGroups/rg-om-test/providers/Microsoft.KeyVault/vaults/kv-om-test/providers/Microsoft.Authorization/roleAssignments/44444444-5555-4666-8777-888888888888`,
        principalId: '33333333-4444-5555-6666-777777777777',
        roleDefinitionName: 'Key Vault Secrets User',
      },
    ],
  });
  const section = adoptSection('test', config, folder);
  expect(parseYaml(section.yaml).adopt.server).toEqual({
    application: '/applications/22222222-3333-4444-5555-666666666666',
    servicePrincipal: '/servicePrincipals/33333333-4444-5555-6666-777777777777',
  });
  expect(section.notes).toContain(
    "server: the hand-made client secret stays valid; once the pods use the stack's, delete it: az ad app credential list --id dddddddd-4444-4555-8666-777777777777 -o table, then az ad app credential delete --id dddddddd-4444-4555-8666-777777777777 --key-id <keyId>",
  );
  // A Secrets User assignment is not the server's role: it is named, not adopted.
  expect(section.notes).toContain(
    'server: also holds Key Vault Secrets User on the vault, which the stack does not manage; remove it by hand if it is not needed',
  );
  expect(section.notes).toContain('server: no Key Vault Secrets Officer assignment on the vault; the stack creates it');
});

test('the section it prints is a valid adopt section for the environment', () => {
  const section = parseYaml(adoptSection('prod', example, RECORDED).yaml);
  const file = parseYaml(fs.readFileSync(path.join(ROOT, EXAMPLE), 'utf8'));
  file.environments.prod.adopt = section.adopt;
  expect(parse(file).environments.prod.adopt).toEqual(example.adopt);
});

test('npm run adopt prints the section with where to paste it', () => {
  const { code, stdout } = run(['prod', '--from', RECORDED]);
  expect(code).toBe(0);
  expect(stdout.split('\n')[0]).toBe(`# paste under environments.prod in ${path.join(ROOT, EXAMPLE)}`);
  expect(stdout).toContain('\nadopt:\n  resourceGroup: ');
});

test('--help prints the usage and exits 0', () => {
  expect(run(['--help'])).toMatchObject({
    code: 0,
    stdout: expect.stringContaining('usage: npm run adopt -- <environment> [--from <folder>]'),
  });
});

test.each<[string, string[], string]>([
  [
    'fails when the environment is not in the configuration',
    ['dev'],
    `adopt: environment: received "dev"; expected one of the environments in ${path.join(ROOT, EXAMPLE)}: prod\n`,
  ],
  [
    'fails when --from names no folder',
    ['prod', '--from'],
    'adopt: --from: received nothing; expected the folder the queries wrote into\n',
  ],
  [
    'fails on an unknown option',
    ['prod', '--out'],
    'adopt: --out: received an unknown option; expected --from <folder>. usage: npm run adopt -- <environment> [--from <folder>]\n',
  ],
])('%s', (_name, argv, stderr) => {
  expect(run(argv)).toEqual({ code: 1, stdout: '', stderr });
});

test('fails when an answer is not JSON, naming the file', () => {
  const folder = folderWith({ 'key-vault.json': 'ERROR: (ResourceNotFound) The Resource was not found.' });
  expect(run(['prod', '--from', folder])).toEqual({
    code: 1,
    stdout: '',
    stderr: `adopt: ${path.join(folder, 'key-vault.json')}: received text that is not JSON; expected what the query printed with -o json\n`,
  });
});

test('fails when an answer holds an ID of another form', () => {
  const folder = folderWith({ 'resource-group.json': { id: 'rg-openmetadata' } });
  expect(run(['prod', '--from', folder]).stderr).toBe(
    'adopt: resource-group.json: id: received "rg-openmetadata"; expected /subscriptions/<subscription GUID>/resourceGroups/<group>\n',
  );
});

test('fails when the vault is only referenced', () => {
  expect(run(['prod'], 'examples/existing-vault.yaml')).toMatchObject({
    code: 1,
    stderr: 'adopt: keyVault: received existingId; expected keyVault.name: an adopted vault is one the stack manages\n',
  });
});
