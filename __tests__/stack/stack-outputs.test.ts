import { outputSpecs, STACK_OUTPUTS } from '../../lib/facts/stack-outputs';
import { shippedConfigFiles, synthConfigFile, synthEnvironment } from '../helpers';
import { ACCESS_VARIANTS } from './access-variants';

// The output catalogue is what npm run values and docs/outputs.md rely on: it must say exactly what
// the stacks write, for the shipped files and the variants of the access tests.

const files = shippedConfigFiles();
const stacks: [string, any][] = [
  ...files.flatMap((file) => Object.entries(synthConfigFile(file)).map(([env, json]) => [`${file} ${env}`, json] as [string, any])),
  ...Object.entries(ACCESS_VARIANTS).map(([name, edit]) => [name, synthEnvironment(edit).json] as [string, any]),
];

test.each(stacks)('%s: every output is in the catalogue, with its description, sensitive only where it says', (_name, json) => {
  for (const [name, output] of Object.entries<any>(json.output)) {
    const spec = (STACK_OUTPUTS as Record<string, { description: string; sensitive?: string }>)[name];
    expect([name, spec?.description]).toEqual([name, output.description]);
    if (spec.sensitive === undefined) expect([name, output.sensitive]).toEqual([name, false]);
    if (spec.sensitive === 'always') expect([name, output.sensitive]).toEqual([name, true]);
  }
  const always = outputSpecs()
    .filter(([, spec]) => spec.when === undefined)
    .map(([name]) => name);
  expect(always.filter((name) => json.output[name] === undefined)).toEqual([]);
  // sensitive_outputs lists exactly the outputs marked sensitive.
  const marked = Object.entries<any>(json.output)
    .filter(([, o]) => o.sensitive)
    .map(([name]) => name);
  expect([...json.output.sensitive_outputs.value].sort()).toEqual(marked.sort());
});

test('each output of the catalogue is written by some shipped or variant stack', () => {
  const written = new Set(stacks.flatMap(([, json]) => Object.keys(json.output)));
  expect(
    outputSpecs()
      .map(([name]) => name)
      .filter((name) => !written.has(name)),
  ).toEqual([]);
});

test('each conditionally sensitive output is sensitive in some stack and not in another', () => {
  for (const [name, spec] of outputSpecs()) {
    if (spec.sensitive === undefined || spec.sensitive === 'always') continue;
    const seen = new Set(stacks.filter(([, json]) => json.output[name]).map(([, json]) => json.output[name].sensitive));
    expect([name, [...seen].sort()]).toEqual([name, [false, true]]);
  }
});
