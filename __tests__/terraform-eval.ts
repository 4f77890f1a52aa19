import { execFile, spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { templateParts } from '../lib/facts/terraform-templates';
import { mapStrings } from '../lib/stack/terraform-text';

/**
 * Has the real `terraform` read a synthesized stack's strings, with no provider: every output,
 * local value, and the arguments of every resource, data source, provider and backend become
 * outputs of a configuration of their own, with each reference to a resource or data source
 * replaced by a placeholder value, and `terraform apply` evaluates them. What comes back is what
 * Terraform makes of each string, as it would for the real stack (same parser, same templates).
 */

const run = promisify(execFile);

/** The terraform on the PATH, or undefined (tests that need it skip, saying so). */
export { terraformVersion } from '../standin/terraform-version';

/** A resource or data source attribute in an expression, and the value it stands for here. */
const REFERENCE =
  /\b(?:data\.)?(?:(?:azurerm|azuread|kubernetes|time)_[a-z0-9_]+|terraform_data)\.[A-Za-z0-9_-]+((?:\.[A-Za-z0-9_]+|\[\d+\])*)/g;

/** A placeholder of the type the expression around it needs (timeadd takes a time, * a number). */
function placeholder(attribute: string): string {
  if (attribute.endsWith('rotation_rfc3339')) return '"2026-01-01T00:00:00Z"';
  if (attribute.endsWith('.rotation_days')) return '2';
  return '"cmVm"'; // base64 of "ref": base64decode takes it too
}

/** The plan's time too: two evaluations a second apart would otherwise read different times. */
const PLAN_TIME = '"2026-01-01T00:00:00Z"';

const withPlaceholders = (expression: string) =>
  expression.replace(REFERENCE, (_m, attribute: string) => placeholder(attribute)).replace(/\bplantimestamp\(\)/g, PLAN_TIME);

/** A JSON-syntax template with references in its interpolations replaced. */
function jsonTemplateWithPlaceholders(text: string): string {
  return templateParts(text)
    .map((p) => (p.kind === 'expression' ? withPlaceholders(p.source) : p.source))
    .join('');
}

/** Meta-arguments: not data, and they refer to addresses rather than values. */
const META = new Set(['//', 'lifecycle', 'depends_on', 'provider', 'count', 'for_each', 'provisioner', 'connection']);
const argumentsOf = (block: Record<string, unknown>) => Object.fromEntries(Object.entries(block).filter(([k]) => !META.has(k)));

/** The outputs-only configuration for a synthesized JSON stack. */
function jsonEvaluationConfig(json: any): object {
  const output: Record<string, { value: unknown }> = {};
  for (const [name, o] of Object.entries<any>(json.output ?? {})) output[`output__${name}`] = { value: o.value };
  for (const kind of ['resource', 'data'] as const) {
    for (const [type, blocks] of Object.entries<any>(json[kind] ?? {})) {
      for (const [name, block] of Object.entries<any>(blocks)) output[`${kind}__${type}__${name}`] = { value: argumentsOf(block) };
    }
  }
  for (const [type, blocks] of Object.entries<any>(json.provider ?? {})) {
    [blocks].flat().forEach((block: any, i: number) => (output[`provider__${type}__${i}`] = { value: argumentsOf(block) }));
  }
  for (const [type, block] of Object.entries<any>(json.terraform?.backend ?? {})) output[`backend__${type}`] = { value: block };
  return mapStrings({ locals: json.locals ?? {}, output }, jsonTemplateWithPlaceholders) as object;
}

/**
 * The same for `cdk.tf` (after `terraform fmt`, so that blocks are indented): each block becomes
 * an object value (`name {` is written `name = {`, a repeated block gets a suffix), meta-arguments
 * and lifecycle blocks are left out, and references in expressions are replaced as above.
 */
function hclEvaluationConfig(formatted: string): string {
  const lines = formatted.split('\n');
  const out: string[] = [];
  let i = 0;
  const blockEnd = (from: number, indent: string) => {
    let j = from + 1;
    while (j < lines.length && !(lines[j].startsWith(`${indent}}`) || lines[j].startsWith(`${indent}]`))) j++;
    return j;
  };
  const body = (from: number, to: number): string[] => {
    const result: string[] = [];
    const seen = new Map<string, number>();
    for (let k = from; k < to; k++) {
      const line = lines[k];
      const block = /^(\s*)([A-Za-z_][A-Za-z0-9_-]*)((?:\s+"[^"]*")*)\s*\{$/.exec(line);
      const meta = /^(\s*)(depends_on|provider|count|for_each)\s*=/.exec(line);
      if (block && ['lifecycle', 'provisioner', 'connection'].includes(block[2])) {
        k = blockEnd(k, block[1]);
      } else if (meta) {
        if (/[[{(]$/.test(line)) k = blockEnd(k, meta[1]);
      } else if (block) {
        const n = seen.get(block[2]) ?? 0;
        seen.set(block[2], n + 1);
        result.push(`${block[1]}${block[2]}${n > 0 ? `__${n}` : ''} = {`);
      } else {
        result.push(line);
      }
    }
    return result;
  };
  while (i < lines.length) {
    const header = /^(resource|data|provider|output|locals|terraform)\b(.*)\{$/.exec(lines[i]);
    if (!header) {
      i++;
      continue;
    }
    const end = blockEnd(i, '');
    const labels = [...header[2].matchAll(/"([^"]*)"/g)].map((m) => m[1]);
    if (header[1] === 'locals') out.push(lines.slice(i, end + 1).join('\n'));
    else if (header[1] === 'output') out.push(`output "output__${labels[0]}" {`, ...body(i + 1, end), '}');
    else if (header[1] === 'terraform') {
      const backend = lines.slice(i + 1, end).findIndex((l) => /^\s+backend\s+"/.test(l)) + i + 1;
      if (backend > i) {
        const type = /"([^"]+)"/.exec(lines[backend])?.[1];
        const indent = /^(\s*)/.exec(lines[backend])?.[1] ?? '';
        out.push(`output "backend__${type}" {`, 'value = {', ...body(backend + 1, blockEnd(backend, indent)), '}', '}');
      }
    } else {
      const name = header[1] === 'provider' ? `provider__${labels[0]}__0` : `${header[1]}__${labels[0]}__${labels[1]}`;
      out.push(`output "${name}" {`, 'value = {', ...body(i + 1, end), '}', '}');
    }
    i = end + 1;
  }
  return replaceInHclExpressions(out.join('\n'), withPlaceholders);
}

/** Native-syntax text with `f` applied to expression text (outside quotes, and inside `${...}`), not to literal text. */
function replaceInHclExpressions(text: string, f: (expression: string) => string): string {
  let out = '';
  let expression = '';
  let i = 0;
  const flush = () => {
    out += f(expression);
    expression = '';
  };
  while (i < text.length) {
    if (text[i] !== '"') {
      expression += text[i++];
      continue;
    }
    flush();
    // A quoted template: find its end, keeping its interpolations for f.
    let j = i + 1;
    let quoted = '"';
    while (text[j] !== '"') {
      if (j >= text.length) throw new Error(`a quoted string that never ends, at ${i}: ${text.slice(i, i + 200)}`);
      if (text[j] === '\\') {
        quoted += text.slice(j, j + 2);
        j += 2;
      } else if (text.startsWith('$${', j) || text.startsWith('%%{', j)) {
        quoted += text.slice(j, j + 3);
        j += 3;
      } else if (text.startsWith('${', j)) {
        const [part] = templateParts(text.slice(j)).filter((p) => p.kind === 'expression');
        quoted += f(part.source);
        j += part.source.length;
      } else {
        quoted += text[j++];
      }
    }
    out += `${quoted}"`;
    i = j + 1;
  }
  flush();
  return out;
}

/** Applies an outputs-only configuration and returns each output's value. */
async function evaluate(file: string, content: string): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'omkv-eval-'));
  const env = { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: join(dir, 'none.tfrc') };
  try {
    writeFileSync(join(dir, 'none.tfrc'), '');
    writeFileSync(join(dir, file), content);
    await run('terraform', ['apply', '-auto-approve', '-input=false', '-no-color'], { cwd: dir, env });
    const { stdout } = await run('terraform', ['output', '-json', '-no-color'], { cwd: dir, env, maxBuffer: 64 * 1024 * 1024 });
    return Object.fromEntries(Object.entries<any>(JSON.parse(stdout)).map(([k, o]) => [k, o.value]));
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`terraform could not evaluate ${file}:\n${err.stderr ?? err.message}\n--- ${file} ---\n${content.slice(0, 4000)}`, {
      cause: e,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What Terraform makes of every string of a synthesized JSON stack. */
export function evaluateJsonStack(json: unknown): Promise<Record<string, unknown>> {
  return evaluate('main.tf.json', JSON.stringify(jsonEvaluationConfig(json), null, 1));
}

/** What Terraform makes of every string of a stack written by `cdktf synth --hcl`. */
export async function evaluateHclStack(hcl: string): Promise<Record<string, unknown>> {
  const fmt = spawnSync('terraform', ['fmt', '-no-color', '-'], {
    input: hcl,
    encoding: 'utf8',
    env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null' },
  });
  if (fmt.status !== 0) throw new Error(`terraform fmt refused the HCL:\n${fmt.stderr}`);
  return evaluate('main.tf', hclEvaluationConfig(fmt.stdout));
}

/** Evaluated values with cdktf's two spellings of a nested block made one: a list of one object in JSON, a block in HCL. */
export function blocksUnwrapped(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.length === 1 && value[0] !== null && typeof value[0] === 'object' ? blocksUnwrapped(value[0]) : value.map(blocksUnwrapped);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, blocksUnwrapped(v)]));
  }
  return value;
}
