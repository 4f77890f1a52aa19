import { spawnSync } from 'child_process';
import * as path from 'path';
import { KEY_VAULT_ROLES } from '../../lib/facts/azure-facts';
import { accessDiagram, label } from '../../lib/stack/access-diagram';
import type { AccessMap } from '../../lib/stack/access-map';
import { shippedConfigFiles, synthConfigFileStacks, synthEnvironment } from '../helpers';
import { ACCESS_VARIANTS } from './access-variants';

/**
 * The diagrams as mermaid 11.17.2 reads them (the renderer GitHub and Azure DevOps use, run in a
 * child process by __tests__/mermaid-parse.mjs): they parse, and the graph it builds says what the
 * access map says, in words a reader sees. Rendering to SVG needs a browser's layout and is not
 * verified here.
 */

interface Parsed {
  readonly error?: string;
  readonly type: string;
  readonly nodes: { id: string; text: string; shape: string }[];
  readonly edges: { from: string; to: string; text: string; stroke: string }[];
  readonly subgraphs: { id: string; title: string; nodes: string[] }[];
}

function parsedByMermaid(diagrams: Record<string, string>): Record<string, Parsed> {
  const run = spawnSync(process.execPath, [path.join(__dirname, '..', 'mermaid-parse.mjs')], {
    input: JSON.stringify(diagrams),
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`mermaid-parse.mjs failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

const maps: Record<string, AccessMap> = {};
for (const file of shippedConfigFiles()) {
  for (const [name, s] of Object.entries(synthConfigFileStacks(file))) maps[`${file} ${name}`] = s.stack.accessMap;
}
for (const [name, edit] of Object.entries(ACCESS_VARIANTS)) maps[name] = synthEnvironment(edit).stack.accessMap;

const HOSTILE = "a \"quoted\" name <b>bold</b> #35; & `tick` %%{init: {'theme':'dark'}}%% 50% end";
const parsed = parsedByMermaid({
  ...Object.fromEntries(Object.entries(maps).map(([name, map]) => [name, accessDiagram(map)])),
  hostile: `flowchart LR\n  node[${label([HOSTILE, 'second line'])}]`,
  'hostile line break': `flowchart LR\n  node[${label(['a\n%% comment', 'b'])}]`,
});

test('a label shows its text exactly, quotes, tags, entity codes, backticks and Mermaid directives included', () => {
  expect(parsed.hostile.error).toBeUndefined();
  expect(parsed.hostile.nodes).toEqual([{ id: 'node', text: `${HOSTILE}\nsecond line`, shape: 'square' }]);
});

test('a line break inside an entry becomes a space, so it cannot start a comment line', () => {
  expect(parsed['hostile line break'].error).toBeUndefined();
  expect(parsed['hostile line break'].nodes.map((n) => n.text)).toEqual(['a %% comment\nb']);
});

describe.each(Object.keys(maps))('%s', (name) => {
  const map = maps[name];
  const graph = parsed[name];
  const text = (id: string) => graph.nodes.find((n) => n.id === id)?.text;
  const edgesFrom = (id: string) => graph.edges.filter((e) => e.from === id).map((e) => [e.text, text(e.to)]);
  const groupOf = (id: string) => graph.subgraphs.find((g) => g.nodes.includes(id))?.title;

  test('mermaid parses it as a flowchart', () => {
    expect(graph.error).toBeUndefined();
    expect(graph.type).toBe('flowchart-v2');
  });

  test('each principal points at the vault with its role and what it may do to every secret', () => {
    for (const p of map.principals) {
      const id = `principal_${p.role}`;
      expect(text(id)?.split('\n')[0]).toBe(`${p.kind} ${p.name}`);
      expect(groupOf(id)).toBe('Azure');
      const may = p.vaultRole.id === KEY_VAULT_ROLES.secretsOfficer.id ? 'read, write and delete' : 'read';
      expect(edgesFrom(id)).toEqual([
        [`${p.vaultRole.name}:\n${may} every secret`, expect.stringMatching(new RegExp(`^Key Vault ${map.vault.name}`))],
      ]);
    }
  });

  /** The principal nodes reachable from a node along the edges. */
  const principalsReached = (from: string): string[] => {
    const seen = new Set([from]);
    const queue = [from];
    while (queue.length > 0) {
      const at = queue.shift() as string;
      for (const e of graph.edges) {
        if (e.from === at && !seen.has(e.to)) {
          seen.add(e.to);
          queue.push(e.to);
        }
      }
    }
    return [...seen].filter((id) => id.startsWith('principal_'));
  };

  test('no edge is drawn twice', () => {
    const keys = graph.edges.map((e) => `${e.from} ${e.to} ${e.text}`);
    expect(keys.length).toBe(new Set(keys).size);
  });

  test('each workload reaches exactly the principal the map says, through its credential, inside its namespace', () => {
    for (const w of map.workloads) {
      const id = `workload_${w.id}`;
      expect(groupOf(id)).toBe(w.namespace !== undefined ? `Kubernetes namespace ${w.namespace}` : 'run by hand');
      // Besides its own principal, a workload holds any other whose client secret is in a Secret it
      // reads: with pipelineClient k8s the server reads the jobs' pipeline Secret.
      const holds = map.workloads.flatMap((other) =>
        other.actsAs?.through.kind === 'secret' &&
        w.alsoReads.some((s) => s.name === (other.actsAs?.through as { secret: { name: string } }).secret.name)
          ? [other.actsAs.role]
          : [],
      );
      const reachable = [...new Set([...(w.actsAs ? [w.actsAs.role] : []), ...holds])].map((role) => `principal_${role}`);
      expect([w.id, principalsReached(id).sort()]).toEqual([w.id, reachable.sort()]);
      if (w.actsAs === undefined) continue;
      const out = graph.edges.filter((e) => e.from === id);
      const through = w.actsAs.through;
      const runsAs = w.actsAs.when === undefined ? 'runs as' : `${w.actsAs.when}, runs as`;
      const first = out.find((e) =>
        through.kind === 'service account' ? e.text === runsAs : graph.edges.some((x) => x.from === e.to && x.text === 'client secret of'),
      );
      const expected =
        through.kind === 'service account'
          ? `service account ${through.account.name}`
          : through.kind === 'secret'
            ? `Secret ${through.secret.name}`
            : `Terraform output ${through.output} (sensitive)`;
      expect(text(first?.to as string)?.startsWith(expected)).toBe(true);
      const onward = graph.edges.filter((e) => e.from === first?.to).map((e) => [e.text, e.to]);
      expect(onward).toContainEqual([
        through.kind === 'service account' ? 'federated credential' : 'client secret of',
        `principal_${w.actsAs.role}`,
      ]);
    }
  });
});

test('with pipelineClient k8s the diagram shows the Secrets the chart’s Roles open to the server and the jobs', () => {
  const graph = parsed['pipelineClient k8s with a workload identity server'];
  const everySecret = graph.nodes.find((n) => n.text === 'every Secret in namespace openmetadata');
  const reaching = graph.edges.filter((e) => e.to === everySecret?.id).map((e) => [e.from, e.text]);
  expect(reaching).toEqual([
    ['workload_server', 'may get, list, create, update, patch, delete\n(Role of chart openmetadata)'],
    ['workload_jobs', 'may get, list, create, update, patch, delete\n(Role of chart openmetadata)'],
  ]);
});

test('objects the stack hands out as manifests say so', () => {
  const graph = parsed['an existing vault, unmanaged Kubernetes objects'];
  const accounts = graph.nodes.filter((n) => n.text.startsWith('service account'));
  expect(accounts.map((n) => n.text)).toEqual([
    'service account openmetadata (a manifest you apply)',
    'service account airflow-worker (a manifest you apply)',
  ]);
  expect(graph.nodes.find((n) => n.id === 'vault')?.text).toBe("Key Vault kv-shared (existing)\nthe server's secrets: openmetadata-*");
});
