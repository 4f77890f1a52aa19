import '@microsoft/jest-sarif';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { runCheck } from '../../lib/cli/synth-command';
import { RULE_PACK } from '../../lib/policy/rule-pack';
import { baseEnvironment } from '../helpers';

/**
 * `npm run check -- --format sarif`: SARIF 2.1.0 as code scanning takes it. Validated here with
 * the SARIF 2.1.0 (rtm.5) schema that @microsoft/jest-sarif 1.0.0-beta.0 ships; the log of
 * environments.yaml also passed `Sarif.Multitool validate` (SARIF Multitool 5.7.0) with no
 * error or warning, by hand on 2026-12-07. (jest-sarif requires tslib without declaring it: the
 * project pins tslib as a devDependency for it.)
 */

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toBeValidSarifLog(): R;
    }
  }
}

const env = baseEnvironment();
env.keyVault = { name: 'kv-om-test', purgeProtection: false, network: { allowedSubnetIds: env.keyVault.network.allowedSubnetIds } };
env.policy = { suppressions: [{ rule: 'OMKV-KV7', reason: 'no workspace in this test environment' }] };
const text = stringify({ environments: { test: env } });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'om-sarif-'));
const file = path.join(dir, 'environments.yaml');
fs.writeFileSync(file, text);
const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.trimStart().startsWith(needle)) + 1;

let stdout = '';
let stderr = '';
const code = runCheck({ OM_AZURE_CONFIG: file }, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, 'sarif');
const log = JSON.parse(stdout);
const results: any[] = log.runs[0].results;
const result = (rule: string) => results.find((r) => r.ruleId === rule);

test('is a valid SARIF 2.1.0 log', () => {
  expect(log).toBeValidSarifLog();
  expect(log.version).toBe('2.1.0');
});

test('the schema check refuses what SARIF refuses', () => {
  const broken = structuredClone(log);
  broken.runs[0].results[0].level = 'fatal';
  expect(broken).not.toBeValidSarifLog();
});

test('an error still fails the check, and the log is complete on stdout', () => {
  expect(code).toBe(1);
  expect(stderr).toContain('Policy errors: nothing was written.');
  expect(results.map((r) => r.ruleId).sort()).toEqual(['OMKV-KV2', 'OMKV-KV6', 'OMKV-KV7']);
});

test('a finding is located at the line of the setting behind it', () => {
  expect(result('OMKV-KV2').locations[0].physicalLocation).toEqual({
    artifactLocation: { uri: path.relative(process.cwd(), file).split(path.sep).join('/') },
    region: { startLine: lineOf('purgeProtection:'), startColumn: 7 },
  });
  expect(result('OMKV-KV2').level).toBe('error');
});

test('a setting left to its default points at the mapping it would go in', () => {
  // keyVault.privateEndpoint is not written: the result points at keyVault.
  expect(result('OMKV-KV6').locations[0].physicalLocation.region).toEqual({ startLine: lineOf('keyVault:'), startColumn: 5 });
});

test('a suppression is a SARIF suppression with its reason', () => {
  expect(result('OMKV-KV7').suppressions).toEqual([{ kind: 'inSource', justification: 'no workspace in this test environment' }]);
  expect(result('OMKV-KV2')).not.toHaveProperty('suppressions');
});

test("the rule pack is the rules' metadata: cause, explanation, fix and references", () => {
  const rules = log.runs[0].tool.driver.rules;
  expect(rules.map((r: any) => r.id)).toEqual(RULE_PACK.map((r) => r.id));
  const kv2 = RULE_PACK.find((r) => r.id === 'OMKV-KV2')!;
  expect(rules[RULE_PACK.indexOf(kv2)]).toMatchObject({
    shortDescription: { text: kv2.cause },
    fullDescription: { text: kv2.explanation },
    help: { text: expect.stringContaining(kv2.fix) },
    defaultConfiguration: { level: 'error' },
  });
  expect(result('OMKV-KV2').ruleIndex).toBe(RULE_PACK.indexOf(kv2));
});

test('a fingerprint follows the finding, not its line', () => {
  const moved = `# a comment that moves every line\n${text}`;
  const other = path.join(dir, 'moved.yaml');
  fs.writeFileSync(other, moved);
  let out = '';
  runCheck({ OM_AZURE_CONFIG: other }, { stdout: (t) => (out += t), stderr: () => {} }, 'sarif');
  const again = JSON.parse(out).runs[0].results.find((r: any) => r.ruleId === 'OMKV-KV2');
  expect(again.partialFingerprints).toEqual(result('OMKV-KV2').partialFingerprints);
  expect(again.locations[0].physicalLocation.region.startLine).toBe(lineOf('purgeProtection:') + 1);
});

test('the tool version is the project version', () => {
  expect(log.runs[0].tool.driver.version).toBe(
    JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version,
  );
});
