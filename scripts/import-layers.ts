/**
 * The layer order of lib/, checked by a test (__tests__/project/layers.test.ts): a file imports only
 * from its own layer or from a layer below it, never in a cycle, and a policy rule never imports
 * another rule (shared helpers live beside the rules, in lib/policy/).
 */
import * as fs from 'fs';
import * as path from 'path';

/** lib/'s layers, lowest first; layers on one rank do not import each other. */
const LAYERS: readonly (readonly string[])[] = [['facts'], ['policy'], ['config', 'constructs', 'openmetadata'], ['stack'], ['cli']];

const RANK = new Map(LAYERS.flatMap((layers, rank) => layers.map((layer) => [layer, rank] as const)));
const ORDER = LAYERS.map((l) => l.join('|')).join(' < ');
const SPECIFIER = /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;

/** Every .ts file under `dir`, as paths relative to `root` with forward slashes. */
function sources(root: string, dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sources(root, rel);
    return entry.name.endsWith('.ts') ? [rel] : [];
  });
}

/** The files a source imports by relative path (type-only imports too: they are dependencies of the design). */
function importsOf(root: string, file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const found: string[] = [];
  for (const [, spec] of text.matchAll(SPECIFIER)) {
    const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
    const target = [`${base}.ts`, `${base}/index.ts`, base].find((candidate) => fs.existsSync(path.join(root, candidate)));
    found.push(target ?? base);
  }
  return found;
}

/** The layer of a path under lib/ (its first folder), or undefined outside lib/. */
function layerOf(file: string): string | undefined {
  const parts = file.split('/');
  return parts[0] === 'lib' && parts.length > 2 ? parts[1] : undefined;
}

/** Problems in lib/ of the project at `root`: one line each, empty when the layering holds. */
export function importProblems(root: string): string[] {
  const problems: string[] = [];
  const graph = new Map<string, string[]>();
  for (const file of sources(root, 'lib')) {
    const from = layerOf(file);
    const targets = importsOf(root, file);
    graph.set(file, targets);
    if (from === undefined || !RANK.has(from)) {
      problems.push(`${file}: not in a layer; expected a file in one of lib/${[...RANK.keys()].join(', lib/')}`);
      continue;
    }
    for (const target of targets) {
      const to = layerOf(target);
      if (to === undefined || !RANK.has(to)) {
        problems.push(`${file} imports ${target}: outside lib's layers; expected imports from lib/ only`);
      } else if (to !== from && (RANK.get(to) as number) >= (RANK.get(from) as number)) {
        problems.push(`${file} imports ${target}: ${from} may not import ${to}; expected the layer order ${ORDER}`);
      }
      if (file.startsWith('lib/policy/rules/') && target.startsWith('lib/policy/rules/')) {
        problems.push(`${file} imports ${target}: a rule imports another rule; expected shared helpers in lib/policy/`);
      }
    }
  }
  problems.push(...cycles(graph).map((cycle) => `import cycle: ${cycle.join(' -> ')}`));
  return problems;
}

/** Each cycle of the import graph once, as the files around it. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const stack: string[] = [];
  const visit = (file: string) => {
    const at = stack.indexOf(file);
    if (at >= 0) {
      found.push([...stack.slice(at), file]);
      return;
    }
    if (done.has(file)) return;
    stack.push(file);
    for (const target of graph.get(file) ?? []) visit(target);
    stack.pop();
    done.add(file);
  };
  for (const file of [...graph.keys()].sort()) visit(file);
  return found;
}
