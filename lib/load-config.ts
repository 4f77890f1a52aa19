import * as fs from 'fs';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { Config, configSchema } from './config-schema';

/** Where the configuration is read from unless OM_AZURE_CONFIG names another file. */
export const DEFAULT_CONFIG_FILE = 'environments.yaml';
export const CONFIG_FILE_ENV = 'OM_AZURE_CONFIG';

/** A configuration file that cannot be used; `problems` holds one line per problem. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`${file}: ${problems.length === 1 ? '1 problem' : `${problems.length} problems`}\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The file to read: OM_AZURE_CONFIG when set, else environments.yaml (relative to the working directory). */
export function configFilePath(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[CONFIG_FILE_ENV];
  return fromEnv !== undefined && fromEnv.trim() !== '' ? fromEnv : DEFAULT_CONFIG_FILE;
}

/** Reads, parses and validates a configuration file. Throws ConfigError listing every problem. */
export function loadConfigFile(file: string): Config {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? `no such file; expected a YAML configuration file (see environments.yaml in the repository, or set ${CONFIG_FILE_ENV} to your file's path)`
        : code === 'EISDIR'
          ? 'it is a directory; expected a YAML file'
          : `cannot be read (${code ?? 'unknown error'})`;
    throw new ConfigError(file, [why]);
  }
  return parseConfig(text, file);
}

/** Parses and validates configuration text; `file` only names it in messages. */
export function parseConfig(text: string, file = DEFAULT_CONFIG_FILE): Config {
  const lines = new LineCounter();
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, lineCounter: lines });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.map((e) => `not valid YAML at line ${lines.linePos(e.pos[0]).line}: ${firstLine(e.message)}`),
    );
  }
  // Custom tags (!!js/function, !ruby/object) only get a warning from the parser, which then keeps
  // the value: refuse them, the file is plain data.
  if (doc.warnings.length > 0) {
    throw new ConfigError(
      file,
      doc.warnings.map((w) => `not plain YAML at line ${lines.linePos(w.pos[0]).line}: ${firstLine(w.message).replace(/ at line \d+, column \d+:?$/, '')}; expected no tags`),
    );
  }
  // Aliases are expanded (anchors are handy for shared settings) but bounded: a "billion laughs"
  // file must fail fast instead of exhausting memory.
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    throw new ConfigError(file, [`not usable YAML: ${firstLine((e as Error).message)}`]);
  }
  if (data === undefined || data === null) {
    throw new ConfigError(file, ['the file is empty; expected a mapping with the key environments']);
  }
  const merged = applyDefaults(data);
  const result = configSchema.safeParse(merged);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => blameDefaults(issue, data));
    throw new ConfigError(file, [...new Set(describeIssues(issues, data))]);
  }
  return result.data;
}

const isMapping = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Merges `defaults` under every environment: mappings merge key by key, all else (values, lists)
 * comes from the environment when it sets it. The result has no `defaults` left to validate.
 */
export function applyDefaults(data: unknown): unknown {
  if (!isMapping(data) || !isMapping(data.defaults) || !isMapping(data.environments)) return data;
  const { defaults, ...rest } = data;
  const environments = Object.fromEntries(
    Object.entries(data.environments).map(([name, env]) => [name, isMapping(env) ? deepMerge(defaults, env) : env]),
  );
  return { ...rest, environments };
}

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    out[k] = isMapping(v) && isMapping(base[k]) ? deepMerge(base[k] as Record<string, unknown>, v) : v;
  }
  return out;
}

function hasPath(node: unknown, path: readonly PropertyKey[]): boolean {
  let here = node;
  for (const p of path) {
    if (!isMapping(here) || !(p in here)) return false;
    here = here[p as string];
  }
  return true;
}

/** A problem with a value an environment inherited is reported once, where it is written: under defaults. */
function blameDefaults(issue: z.core.$ZodIssue, data: unknown): z.core.$ZodIssue {
  if (!isMapping(data) || !isMapping(data.defaults) || issue.path[0] !== 'environments' || issue.path.length < 2) return issue;
  const env = isMapping(data.environments) ? data.environments[issue.path[1] as string] : undefined;
  const rest = issue.path.slice(2);
  if (issue.code === 'unrecognized_keys') {
    const inherited = issue.keys.every((k) => !hasPath(env, [...rest, k]) && hasPath(data.defaults, [...rest, k]));
    return inherited ? { ...issue, path: ['defaults', ...rest] } : issue;
  }
  return !hasPath(env, rest) && hasPath(data.defaults, rest) ? { ...issue, path: ['defaults', ...rest] } : issue;
}

/** One line per issue: `path: received <value>; expected <what>`. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], data: unknown): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        lines.push(`${formatPath(path)}: unknown key; ${issue.message}`);
      }
      continue;
    }
    // A derived value (a default name) is not in the file: the issue says what it was.
    const derived = issue.code === 'custom' ? (issue.params as { received?: string } | undefined)?.received : undefined;
    const received = derived !== undefined ? JSON.stringify(derived) : describeValue(valueAt(data, issue.path));
    lines.push(`${formatPath(issue.path)}: received ${received}; ${issue.message}`);
  }
  return lines;
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((p, i) => {
      if (typeof p === 'number') return `[${p}]`;
      const s = String(p);
      const plain = /^[A-Za-z0-9_-]+$/.test(s);
      return plain ? (i === 0 ? s : `.${s}`) : `[${JSON.stringify(s)}]`;
    })
    .join('');
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let here: unknown = data;
  for (const p of path) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<PropertyKey, unknown>)[p];
  }
  return here;
}

const MAX_SHOWN = 80;

/** A short, single-line rendering of what the file held, so huge or multi-line values stay readable. */
function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing (missing)';
  if (value === null) return 'null (empty value)';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'a mapping';
  const shown = JSON.stringify(value);
  return shown.length > MAX_SHOWN ? `${shown.slice(0, MAX_SHOWN)}..." (${String(value).length} characters)` : shown;
}

function firstLine(message: string): string {
  return message.split('\n')[0];
}
