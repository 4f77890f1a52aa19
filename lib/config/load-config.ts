import * as fs from 'fs';
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, Node, parseDocument } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../facts/errors';
import { quoted } from '../facts/message-text';
import { Config, configSchema } from './config-schema';

/** Where the configuration is read from unless OM_AZURE_CONFIG names another file. */
const DEFAULT_CONFIG_FILE = 'environments.yaml';
const CONFIG_FILE_ENV = 'OM_AZURE_CONFIG';

/** The file to read: OM_AZURE_CONFIG when set, else environments.yaml (relative to the working directory). */
export function configFilePath(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[CONFIG_FILE_ENV];
  return fromEnv !== undefined && fromEnv.trim() !== '' ? fromEnv : DEFAULT_CONFIG_FILE;
}

/** A configuration file is a few kilobytes; anything near this is not one. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Reads, parses and validates a configuration file. Throws ConfigError listing every problem.
 * Only a regular file is opened (a FIFO would block, /dev/zero never ends), only up to
 * MAX_CONFIG_BYTES, and only UTF-8: a Latin-1 byte must not silently become U+FFFD.
 */
export function loadConfigFile(file: string): Config {
  let text: string;
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) throw new ConfigError(file, ['it is a directory; expected a YAML file']);
    if (!stat.isFile()) throw new ConfigError(file, ['it is not a regular file (a pipe, socket or device); expected a YAML file']);
    if (stat.size > MAX_CONFIG_BYTES) {
      throw new ConfigError(file, [`it is ${stat.size} bytes; expected a YAML configuration file of at most ${MAX_CONFIG_BYTES} bytes`]);
    }
    const bytes = fs.readFileSync(file);
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      const bad = firstInvalidUtf8(bytes);
      throw new ConfigError(file, [
        `not UTF-8 text (byte 0x${bytes[bad].toString(16).padStart(2, '0')} at offset ${bad}); expected a file saved as UTF-8`,
      ]);
    }
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? `no such file; expected a YAML configuration file (see environments.yaml in the repository, or set ${CONFIG_FILE_ENV} to your file's path)`
        : `cannot be read (${code ?? 'unknown error'})`;
    throw new ConfigError(file, [why]);
  }
  return parseConfig(text, file);
}

/** Offset of the first byte at which UTF-8 decoding fails (fed byte by byte to one streaming decoder). */
function firstInvalidUtf8(bytes: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let i = 0; i < bytes.length; i++) {
    try {
      decoder.decode(bytes.subarray(i, i + 1), { stream: true });
    } catch {
      return i;
    }
  }
  return bytes.length - 1;
}

/** Parses and validates configuration text; `file` only names it in messages. */
export function parseConfig(text: string, file = DEFAULT_CONFIG_FILE): Config {
  const lines = new LineCounter();
  // merge: YAML merge keys (`<<: *anchor`) work, as anchors do. uniqueKeys: false because the
  // parser's own check compares each key with every earlier one (a 1 MiB file of keys took 24 s);
  // plainDataProblems finds duplicate keys with a set instead.
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false, lineCounter: lines, merge: true });
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
      doc.warnings.map(
        (w) =>
          `not plain YAML at line ${lines.linePos(w.pos[0]).line}: ${firstLine(w.message).replace(/ at line \d+, column \d+:?$/, '')}; expected no tags`,
      ),
    );
  }
  const plain = plainDataProblems(doc.contents, lines);
  if (plain.length > 0) throw new ConfigError(file, plain);
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
  const shapes = defaultsShapeProblems(data);
  if (shapes.length > 0) throw new ConfigError(file, shapes);
  const merged = applyDefaults(data);
  const result = configSchema.safeParse(merged);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => blameDefaults(issue, data));
    throw new ConfigError(file, [...new Set(describeIssues(issues, data))]);
  }
  return result.data;
}

/** Tags that mean what the untagged value means (YAML 1.2 core schema): the others change the data. */
const PLAIN_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));
const PLAIN_TAGS_EXPECTED = 'expected plain YAML: no tags but !!str, !!int, !!float, !!bool, !!null, !!map and !!seq';
const shortTag = (tag: string) => tag.replace(/^tag:yaml\.org,2002:/, '!!');

/** Keys that would reach an object's prototype when the file becomes JavaScript objects. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Unicode noncharacters (U+FDD0-U+FDEF and the last two code points of every plane) are "permanently
 * reserved for internal use" (Unicode 16.0, section 23.7) and never valid in interchange text; the
 * stack uses two of them to mark config text (facts/terraform-templates.ts, CONFIG_TEXT_MARKS).
 */
function hasNoncharacter(text: string): boolean {
  for (const c of text) {
    const code = c.codePointAt(0) as number;
    if ((code >= 0xfdd0 && code <= 0xfdef) || (code & 0xfffe) === 0xfffe) return true;
  }
  return false;
}
const NONCHARACTER =
  'expected text without Unicode noncharacters (U+FDD0-U+FDEF, U+FFFE, U+FFFF and the like are reserved for internal use)';

/**
 * What makes a file other than plain data: a key written twice in one mapping, Unicode
 * noncharacters, prototype keys, keys that are not strings. Checked once, on every scalar of the
 * file (keys included), before any field is looked at, so no field can be forgotten.
 */
function plainDataProblems(root: unknown, lines: LineCounter): string[] {
  const problems: string[] = [];
  const at = (node: Node | undefined) => (node?.range ? ` (line ${lines.linePos(node.range[0]).line})` : '');
  /** `key`: the key the node is the value of, whose line is where a tag on a block collection is written. */
  const walk = (node: unknown, path: PropertyKey[], key?: Node): void => {
    if (isAlias(node)) return; // its anchor is walked where it is defined
    const tag = (node as Node | undefined)?.tag;
    if (tag !== undefined && !PLAIN_TAGS.has(tag)) {
      // !!omap and !!set read as empty mappings, !!binary as a buffer: never the data the file shows.
      problems.push(`${formatPath(path)}: received a value tagged ${shortTag(tag)}${at(key ?? (node as Node))}; ${PLAIN_TAGS_EXPECTED}`);
      return;
    }
    if (isScalar(node)) {
      if (typeof node.value === 'string' && hasNoncharacter(node.value)) {
        problems.push(`${formatPath(path)}: received ${describeValue(node.value)}; ${NONCHARACTER}`);
      }
      return;
    }
    if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item, [...path, i]));
      return;
    }
    if (!isMap(node)) return;
    const seen = new Set<string>();
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = pair.key;
      if (isScalar(key) && typeof key.value === 'symbol') {
        walk(pair.value, path); // a merge key (<<)
        continue;
      }
      const keyTag = (key as Node | null)?.tag;
      if (keyTag !== undefined && !PLAIN_TAGS.has(keyTag)) {
        problems.push(`${formatPath(path)}: received a key tagged ${shortTag(keyTag)}${at(key as Node)}; ${PLAIN_TAGS_EXPECTED}`);
        continue;
      }
      if (!isScalar(key) || typeof key.value !== 'string') {
        const shown = isScalar(key) ? (key.source ?? String(key.value)) : 'a collection';
        const read = isScalar(key) ? ` is read as ${key.value === null ? 'null' : `the ${typeof key.value} ${String(key.value)}`}` : '';
        problems.push(
          `${formatPath(path)}: received the key ${shown}${at(key as Node)}, which${read || ' is not text'}; expected a name in quotes ("${shown}") if it is meant as one`,
        );
        continue;
      }
      if (seen.has(key.value)) {
        // The parser's wording, so the message reads as it did when the parser checked.
        problems.push(
          `not valid YAML at line ${lines.linePos(key.range?.[0] ?? 0).line}: Map keys must be unique (${formatPath([...path, key.value])} is written twice)`,
        );
        continue;
      }
      seen.add(key.value);
      if (PROTOTYPE_KEYS.has(key.value)) {
        problems.push(
          `${formatPath([...path, key.value])}: received the key ${key.value}${at(key)}; expected a setting name (this one would reach JavaScript's object prototype)`,
        );
        continue;
      }
      if (hasNoncharacter(key.value)) problems.push(`${formatPath(path)}: received the key ${quoted(key.value)}; ${NONCHARACTER}`);
      walk(pair.value, [...path, key.value], key);
    }
  };
  walk(root, []);
  return problems;
}

const isMapping = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Merges `defaults` under every environment: mappings merge key by key, all else (values, lists)
 * comes from the environment when it sets it. The result has no `defaults` left to validate.
 */
function applyDefaults(data: unknown): unknown {
  if (!isMapping(data) || !isMapping(data.defaults) || !isMapping(data.environments)) return data;
  const { defaults, ...rest } = data;
  const environments = Object.fromEntries(
    Object.entries(data.environments).map(([name, env]) => [name, isMapping(env) ? deepMerge(defaults, env) : env]),
  );
  return { ...rest, environments };
}

/**
 * A default must have the shape of what it is a default for: a mapping where an environment has a
 * mapping, a value where it has a value. Otherwise the environment's setting silently replaces a
 * default nobody could ever have used (`defaults.openmetadata: 1`).
 */
function defaultsShapeProblems(data: unknown): string[] {
  if (!isMapping(data) || !isMapping(data.defaults) || !isMapping(data.environments)) return [];
  const problems = new Map<string, string>();
  const compare = (base: Record<string, unknown>, over: Record<string, unknown>, path: string[], env: string) => {
    for (const [k, v] of Object.entries(over)) {
      if (!Object.prototype.hasOwnProperty.call(base, k)) continue;
      const d = base[k];
      if (isMapping(d) && isMapping(v)) {
        compare(d, v, [...path, k], env);
      } else if (isMapping(d) !== isMapping(v)) {
        const where = formatPath(['defaults', ...path, k]);
        const expected = isMapping(v) ? 'a mapping' : 'a value, not a mapping';
        if (!problems.has(where)) {
          problems.set(
            where,
            `${where}: received ${describeValue(d)}; expected ${expected}, as environments.${env}.${[...path, k].join('.')} is`,
          );
        }
      }
    }
  };
  for (const [name, env] of Object.entries(data.environments)) if (isMapping(env)) compare(data.defaults, env, [], name);
  return [...problems.values()];
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
function describeIssues(issues: readonly z.core.$ZodIssue[], data: unknown): string[] {
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
    const received =
      derived !== undefined ? quoted(derived) : issue.path.length === 0 ? describeTopLevel(data) : describeValue(valueAt(data, issue.path));
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
      return plain ? (i === 0 ? s : `.${s}`) : `[${quoted(s)}]`;
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

/**
 * What the file held when it is not a mapping at all: its kind, never its text. Pointed at another
 * file (a `.env` of secrets reads as one YAML string), the message must not print it.
 */
function describeTopLevel(data: unknown): string {
  if (Array.isArray(data)) return `a list of ${data.length}`;
  return `${typeof data === 'string' ? 'text' : `a ${typeof data}`} (not shown: the file may not be a configuration file at all)`;
}

/** A short, single-line rendering of what the file held, so huge or multi-line values stay readable. */
function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing (missing)';
  if (value === null) return 'null (empty value)';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'a mapping';
  const shown = typeof value === 'string' ? quoted(value) : JSON.stringify(value);
  return shown.length > MAX_SHOWN ? `${shown.slice(0, MAX_SHOWN)}..." (${String(value).length} characters)` : shown;
}

function firstLine(message: string): string {
  return message.split('\n')[0];
}
