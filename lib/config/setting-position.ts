import { isMap, LineCounter, Node, parseDocument } from 'yaml';

/** A place in the configuration file: 1-based, as editors and SARIF count. */
export interface SettingPosition {
  readonly line: number;
  readonly column: number;
  /** The setting as found: the path asked for, or the nearest part of it the file writes. */
  readonly found: readonly string[];
}

/**
 * Where the file writes a setting of an environment: the key of `path` under
 * `environments.<environment>`, or under `defaults` when the environment inherits it, or else the
 * nearest enclosing key the file does write (a default the file leaves out points at the mapping
 * it would go in). The YAML is parsed again here, positions and all, only for a report.
 */
export function settingPosition(text: string, environment: string, path: readonly string[]): SettingPosition | undefined {
  const lines = new LineCounter();
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false, lineCounter: lines, merge: true });
  const keyOf = (map: unknown, key: string): { key: Node; value: unknown } | undefined => {
    if (!isMap(map)) return undefined;
    const pair = map.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
    return pair ? { key: pair.key as Node, value: pair.value } : undefined;
  };
  /** The deepest key along `path` under `root`, and how many steps it took. */
  const deepest = (root: unknown, base: Node | undefined) => {
    let here = root;
    let node = base;
    let depth = 0;
    for (const step of path) {
      const next = keyOf(here, step);
      if (!next) break;
      node = next.key;
      here = next.value;
      depth++;
    }
    return { node, depth };
  };
  const envEntry = keyOf(keyOf(doc.contents, 'environments')?.value, environment);
  if (!envEntry) return undefined;
  let best = deepest(envEntry.value, envEntry.key);
  const defaults = keyOf(doc.contents, 'defaults');
  if (defaults && best.depth < path.length) {
    const inherited = deepest(defaults.value, defaults.key);
    if (inherited.depth > best.depth) best = inherited;
  }
  const offset = best.node?.range?.[0];
  if (offset === undefined) return undefined;
  const { line, col } = lines.linePos(offset);
  return { line, column: col, found: path.slice(0, best.depth) };
}
