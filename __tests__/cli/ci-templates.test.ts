import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';

/**
 * The CI templates in examples/ci/: they parse, call only npm scripts the project has, and set the
 * provider variables docs/deployment.md lists ("Running it from CI"), which were read in azurerm
 * v4.81.0 and azuread v3.9.0 internal/provider/provider.go.
 */

const ROOT = path.join(__dirname, '..', '..');
const CI = path.join(ROOT, 'examples', 'ci');
const scripts = Object.keys(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts);
const deployment = fs.readFileSync(path.join(ROOT, 'docs', 'deployment.md'), 'utf8');
const section = deployment.slice(deployment.indexOf('## Running it from CI'), deployment.indexOf('## Coming from the manual setup'));
const documented = new Set([...section.matchAll(/`(ARM_[A-Z_]+)`/g)].map((m) => m[1]));

const files = fs.readdirSync(CI).filter((f) => f.endsWith('.yml'));

test('there is a GitHub Actions workflow and an Azure DevOps pipeline', () => {
  expect(files.sort()).toEqual(['azure-pipelines.yml', 'github-actions.yml']);
});

describe.each(files)('examples/ci/%s', (file) => {
  const text = fs.readFileSync(path.join(CI, file), 'utf8');

  test('parses as YAML', () => {
    expect(() => parse(text)).not.toThrow();
  });

  test('calls only npm scripts the project has', () => {
    const called = [...text.matchAll(/npm run ([a-z:-]+)/g)].map((m) => m[1]);
    expect(called.length).toBeGreaterThan(0);
    for (const script of called) expect(scripts).toContain(script);
  });

  test('uploads or publishes the SARIF of npm run check -- --format sarif, and plans offline', () => {
    expect(text).toContain('npm run check -- --format sarif > ');
    expect(text).toContain('npm run check -- --terraform');
  });

  test('sets only provider variables docs/deployment.md lists, and no client secret', () => {
    const used = new Set([...text.matchAll(/\b(ARM_[A-Z_]+)\b/g)].map((m) => m[1]));
    expect(used.size).toBeGreaterThan(2);
    for (const v of used) expect(documented).toContain(v);
    expect(used).toContain('ARM_USE_OIDC');
    expect(text).not.toMatch(/ARM_CLIENT_SECRET|client-secret:|creds:/);
  });
});

test('GitHub: the deploy job may request an ID token, and the check job may upload findings', () => {
  const workflow = parse(fs.readFileSync(path.join(CI, 'github-actions.yml'), 'utf8'));
  expect(workflow.jobs.deploy.permissions['id-token']).toBe('write');
  expect(workflow.jobs.check.permissions['security-events']).toBe('write');
  const upload = workflow.jobs.check.steps.find((s: any) => String(s.uses).startsWith('github/codeql-action/upload-sarif'));
  expect(upload).toMatchObject({ if: 'always()', with: { sarif_file: 'check.sarif' } });
});

test('Azure DevOps: the deploy task passes the service connection and the OIDC request to Terraform', () => {
  const pipeline = parse(fs.readFileSync(path.join(CI, 'azure-pipelines.yml'), 'utf8'));
  const task = pipeline.stages[1].jobs[0].steps.find((s: any) => s.task === 'AzureCLI@2');
  expect(task.inputs.addSpnToEnvironment).toBe(true);
  expect(task.env).toEqual({
    ARM_ADO_PIPELINE_SERVICE_CONNECTION_ID: '$(AZURE_SERVICE_CONNECTION_ID)',
    SYSTEM_ACCESSTOKEN: '$(System.AccessToken)',
    SYSTEM_OIDCREQUESTURI: '$(System.OidcRequestUri)',
  });
});

test('the Terraform both install is the one the tests run against', () => {
  for (const file of files) expect(fs.readFileSync(path.join(CI, file), 'utf8')).toContain('1.11.4');
});
