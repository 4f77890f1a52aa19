import { execFileSync, spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { synthEnvironment } from '../helpers';

/**
 * The vault lock against Terraform's own graph, not a model of it: the lock, terraform_data.LockedScope
 * and every resource at the vault scope are taken from the synthesized JSON, wiring untouched; only
 * the Azure resources become builtin `terraform_data` stand-ins (no provider to download), each
 * forcing replacement on any argument change as azurerm_role_assignment and azurerm_management_lock
 * do. A stand-in's destroy
 * fails while the lock exists, as Azure answers 409 ScopeLocked. Needs a `terraform` binary; skipped
 * (with the reason printed) when there is none.
 */

const SCOPED_TYPES = ['azurerm_role_assignment', 'azurerm_monitor_diagnostic_setting'];
const WORKSPACE =
  '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/law-logs';

function terraformVersion(): string | undefined {
  const run = spawnSync('terraform', ['version', '-json'], { encoding: 'utf8' });
  return run.status === 0 ? (JSON.parse(run.stdout).terraform_version as string) : undefined;
}

/** The vault-scope part of a synthesized stack, with stand-ins for what needs a provider. */
function simulation(json: any, dir: string): object {
  const resources: Record<string, any> = {};
  const standIn = (type: string, id: string) => `${type}__${id}`;
  const log = (line: string) => `echo '${line}' >> ${join(dir, 'log')}`;
  const lockFile = join(dir, 'LOCK');
  for (const type of SCOPED_TYPES) {
    for (const [id, config] of Object.entries<any>(json.resource[type] ?? {})) {
      const { depends_on: _d, lifecycle: _l, '//': _m, ...args } = config;
      resources[standIn(type, id)] = {
        // Any argument change replaces it; references stay literal text, so a new principal is a change.
        triggers_replace: JSON.stringify(args).replace(/\$\{/g, () => '$${'),
        provisioner: [
          { 'local-exec': { command: log(`create ${id}`) } },
          {
            'local-exec': { when: 'destroy', command: `if [ -e ${lockFile} ]; then echo ScopeLocked; exit 1; fi; ${log(`destroy ${id}`)}` },
          },
        ],
      };
    }
  }
  const rewrite = (value: unknown) =>
    JSON.parse(
      JSON.stringify(value).replace(
        new RegExp(`(${SCOPED_TYPES.join('|')})\\.([A-Za-z0-9_]+)`, 'g'),
        (_m, t, id) => `terraform_data.${standIn(t, id)}`,
      ),
    );
  for (const [id, config] of Object.entries<any>(json.resource.terraform_data ?? {})) resources[id] = rewrite(config);
  for (const [id, config] of Object.entries<any>(json.resource.azurerm_management_lock ?? {})) {
    resources[id] = {
      // azurerm 4.81 management_lock_resource.go: every argument forces a new lock; notes carries the wiring.
      triggers_replace: rewrite({ name: config.name, lock_level: config.lock_level, notes: config.notes }),
      depends_on: config.depends_on,
      provisioner: [
        { 'local-exec': { command: `touch ${lockFile}; ${log('create lock')}` } },
        { 'local-exec': { when: 'destroy', command: `rm -f ${lockFile}; ${log('destroy lock')}` } },
      ],
    };
  }
  return { resource: { terraform_data: resources } };
}

const version = terraformVersion();
const describeWithTerraform = version ? describe : describe.skip;
if (!version) console.log('lock-ordering: skipped, no terraform binary on the PATH to run the simulation with');

describeWithTerraform(`the vault lock in Terraform's graph (terraform ${version})`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'omkv-lock-'));
  const env = { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: join(dir, 'none.tfrc') };
  writeFileSync(join(dir, 'none.tfrc'), '');
  const write = (edit: (e: Record<string, any>) => void) =>
    writeFileSync(join(dir, 'main.tf.json'), JSON.stringify(simulation(synthEnvironment(edit).json, dir)));
  /** The apply graph of a plan: node -> the nodes it waits for. */
  const applyGraph = () => {
    execFileSync('terraform', ['plan', '-input=false', '-out=plan.tfplan'], { cwd: dir, env, stdio: 'ignore' });
    const dot = execFileSync('terraform', ['graph', '-type=apply', '-plan=plan.tfplan'], { cwd: dir, env, encoding: 'utf8' });
    const graph = new Map<string, string[]>();
    for (const [, from, to] of dot.matchAll(/"\[root\] ([^"]+)" -> "\[root\] ([^"]+)"/g)) graph.set(from, [...(graph.get(from) ?? []), to]);
    return graph;
  };
  const reaches = (graph: Map<string, string[]>, from: string, to: string): boolean => {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length > 0) {
      const node = stack.pop() as string;
      if (node === to) return true;
      if (seen.has(node)) continue;
      seen.add(node);
      stack.push(...(graph.get(node) ?? []));
    }
    return false;
  };
  const apply = (edit: (e: Record<string, any>) => void) => {
    write(edit);
    writeFileSync(join(dir, 'log'), '');
    const run = spawnSync('terraform', ['apply', '-auto-approve', '-input=false', '-no-color'], { cwd: dir, env, encoding: 'utf8' });
    const log = execFileSync('cat', [join(dir, 'log')], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter(Boolean);
    return { ok: run.status === 0, output: run.stdout + run.stderr, log };
  };
  const separate = (e: Record<string, any>) => (e.keyVault.diagnostics = { logAnalyticsWorkspaceId: WORKSPACE });

  // Only builtin resources: Terraform needs no init (and downloads nothing).
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // One sequence, in order: each step applies on the state the previous one left.
  test('first deploy: the lock comes last, after every role assignment and the diagnostic setting', () => {
    const step = apply(separate);
    expect(step.output.split('\n').filter((l) => l.includes('Error'))).toEqual([]);
    expect(step.ok).toBe(true);
    expect(step.log[step.log.length - 1]).toBe('create lock');
    expect(step.log).toHaveLength(4);
  });

  // A destroy-time provisioner does not run for a resource block removed from the configuration, so
  // the removal is checked on the apply graph Terraform plans instead of on a log.
  test('ingestion switched to sameAs: server removes a role assignment: lock off, delete, lock on', () => {
    const shared = (e: Record<string, any>) => {
      separate(e);
      e.principals.ingestion = { sameAs: 'server' };
    };
    write(shared);
    const graph = applyGraph();
    const removed = [...graph.keys()].find((n) => /IngestionSecretsUser.* \(destroy\)$/.test(n)) as string;
    const lock = [...graph.keys()].find((n) => /terraform_data\.KeyVault_Lock_[0-9A-F]{8}$/.test(n)) as string;
    expect(removed).toBeDefined();
    expect(lock).toBeDefined();
    expect(reaches(graph, removed, lock.replace(/$/, ' (destroy)'))).toBe(true);
    expect(reaches(graph, lock, removed)).toBe(true);
    const step = apply(shared);
    expect(step.ok).toBe(true);
    expect(step.log).toEqual(['destroy lock', 'create lock']);
  });

  test('the server switched to client-secret replaces its role assignment: lock off, replace, lock on', () => {
    const step = apply((e) => {
      separate(e);
      e.principals.server = { auth: 'client-secret', namespace: 'openmetadata' };
      e.principals.ingestion = { sameAs: 'server' };
    });
    expect(step.ok).toBe(true);
    expect(step.log).toEqual([
      'destroy lock',
      expect.stringMatching(/^destroy .*ServerSecretsOfficer/),
      expect.stringMatching(/^create .*ServerSecretsOfficer/),
      'create lock',
    ]);
  });

  test('an apply that changes nothing at the vault scope leaves the lock alone', () => {
    const step = apply((e) => {
      separate(e);
      e.principals.server = { auth: 'client-secret', namespace: 'openmetadata' };
      e.principals.ingestion = { sameAs: 'server' };
    });
    expect(step.ok).toBe(true);
    expect(step.log).toEqual([]);
  });

  test('without the lock stepping aside, the same replacement fails as Azure would (ScopeLocked)', () => {
    const withoutTheReference = (edit: (e: Record<string, any>) => void) => {
      const config = simulation(synthEnvironment(edit).json, dir) as any;
      // The same lock, its notes without the reference: nothing ties it to what sits at its scope.
      for (const [id, r] of Object.entries<any>(config.resource.terraform_data)) {
        if (/_Lock_/.test(id)) r.triggers_replace.notes = 'a lock that never steps aside';
      }
      writeFileSync(join(dir, 'main.tf.json'), JSON.stringify(config));
      return spawnSync('terraform', ['apply', '-auto-approve', '-input=false', '-no-color'], { cwd: dir, env, encoding: 'utf8' });
    };
    // From scratch: a fresh state and no lock.
    rmSync(join(dir, 'terraform.tfstate'), { force: true });
    rmSync(join(dir, 'LOCK'), { force: true });
    expect(withoutTheReference(separate).status).toBe(0);
    const run = withoutTheReference((e) => {
      separate(e);
      e.principals.server = { auth: 'client-secret', namespace: 'openmetadata' };
    });
    expect(run.status).not.toBe(0);
    expect(run.stdout + run.stderr).toContain('ScopeLocked');
  });
});
