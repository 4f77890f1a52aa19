import { execFileSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import {
  markConfigText,
  quotedLiteral,
  quotedTemplateBody,
  TemplateSyntaxError,
  templateParts,
  unmarkConfigText,
  unmarkTemplate,
} from '../../lib/facts/terraform-templates';
import { terraformVersion } from '../terraform-eval';

/**
 * The template rules of hashicorp/hcl v2 (hclsyntax/spec.md "Template Expressions", json/spec.md),
 * as lib/facts/terraform-templates.ts writes them down; the last tests have terraform read them.
 */

test('splits a template into literal text and interpolations, escapes staying text', () => {
  expect(templateParts('a$${b}c${x.y}d%%{e}%{if true}f%{endif}')).toEqual([
    { kind: 'literal', source: 'a$${b}c' },
    { kind: 'expression', source: '${x.y}', strings: [] },
    { kind: 'literal', source: 'd%%{e}' },
    { kind: 'expression', source: '%{if true}', strings: [] },
    { kind: 'literal', source: 'f' },
    { kind: 'expression', source: '%{endif}', strings: [] },
  ]);
});

test('an interpolation ends at its own closing brace, past braces and quoted strings inside it', () => {
  const [part] = templateParts('${yamlencode({"a}" = "b\\"${c}"})}tail');
  expect(part).toEqual({ kind: 'expression', source: '${yamlencode({"a}" = "b\\"${c}"})}', strings: ['"a}"', '"b\\"${c}"'] });
});

test('fails on an interpolation that is never closed', () => {
  expect(() => templateParts('a${b')).toThrow(TemplateSyntaxError);
  expect(() => templateParts('${"a}')).toThrow('a quoted string that is never closed');
});

test('marks $ and %, and only those, as noncharacters; unmarking gives the text back', () => {
  const text = 'a$b%c${d}%{e}"\\';
  expect(markConfigText(text)).toBe('a\ufdd0b\ufdd1c\ufdd0{d}\ufdd1{e}"\\');
  expect(unmarkConfigText(markConfigText(text))).toBe(text);
});

test('a quoted literal escapes what native syntax needs escaped', () => {
  expect(quotedLiteral('a"b\\c\nd${e}%{f}\u0001')).toBe('"a\\"b\\\\c\\nd$${e}%%{f}\\u0001"');
  expect(quotedTemplateBody('x${a.b}"')).toBe('x${a.b}\\"');
});

const version = terraformVersion();
if (!version) console.log('terraform-templates: the checks by terraform are skipped, no terraform binary on the PATH');

(version ? describe : describe.skip)(`read by terraform ${version}`, () => {
  const texts = ['plain', 'a"b\\c', 'x${y}', '%{if true}z%{endif}', 'e$', '$$', '$${', '%%{', 'end%', '{x}', 'tab\there\nline'];
  const values = (config: object): Record<string, unknown> => {
    const dir = mkdtempSync(join(tmpdir(), 'omkv-templates-'));
    const env = { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: join(dir, 'none.tfrc') };
    try {
      writeFileSync(join(dir, 'none.tfrc'), '');
      writeFileSync(join(dir, 'main.tf.json'), JSON.stringify(config));
      execFileSync('terraform', ['apply', '-auto-approve', '-input=false'], { cwd: dir, env, stdio: 'ignore' });
      const out = JSON.parse(execFileSync('terraform', ['output', '-json'], { cwd: dir, env, encoding: 'utf8' }));
      return Object.fromEntries(Object.entries<any>(out).map(([k, o]) => [k, o.value]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  test('marked config text, alone and next to an interpolation the code wrote, reads as written', () => {
    const output: Record<string, { value: string }> = {};
    texts.forEach((t, i) => {
      output[`alone_${i}`] = { value: unmarkTemplate(markConfigText(t)) };
      // Config text just before `${...}` of the code: `$` then `${` must not read as `$${`.
      output[`before_${i}`] = { value: unmarkTemplate(`${markConfigText(t)}\${local.r}`) };
      output[`after_${i}`] = { value: unmarkTemplate(`\${local.r}${markConfigText(t)}`) };
    });
    const got = values({ locals: { r: 'R' }, output });
    texts.forEach((t, i) => {
      expect(got[`alone_${i}`]).toBe(t);
      expect(got[`before_${i}`]).toBe(`${t}R`);
      expect(got[`after_${i}`]).toBe(`R${t}`);
    });
  });

  test('a quoted literal inside an expression reads as its text', () => {
    const output = Object.fromEntries(texts.map((t, i) => [`q_${i}`, { value: `\${join("", [${quotedLiteral(t)}])}` }]));
    const got = values({ output });
    texts.forEach((t, i) => expect(got[`q_${i}`]).toBe(t));
  });
});
