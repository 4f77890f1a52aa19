import { readFileSync } from 'fs';
import { join } from 'path';
import { RESOURCE_PROVIDERS, TERRAFORM_FEATURE_VERSIONS, TERRAFORM_VERSION_FLOOR } from '../lib/terraform-requirements';

/** The README's "What it needs from Azure" states what the code emits: checked, not trusted. */
const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## What it needs from Azure'), readme.indexOf('## Deploy walkthrough'));

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
