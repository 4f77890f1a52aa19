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
  const result = configSchema.safeParse(data);
  if (!result.success) {
    throw new ConfigError(file, describeIssues(result.error.issues, data));
  }
  return result.data;
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
    lines.push(`${formatPath(issue.path)}: received ${describeValue(valueAt(data, issue.path))}; ${issue.message}`);
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
