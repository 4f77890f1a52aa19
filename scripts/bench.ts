// `npm run bench`: what users and contributors wait for, side by side in one run: the floor
// (loading cdktf), the app alone, `npm run synth`, `npx cdktf synth` and `npm test` from cold caches,
// in under a minute on 2 cores. `npm run bench -- --full` adds `npm test` warm and two more cold runs,
// the template way (root imports + ts-node) and 1/10/50 environments (about four minutes). Not part of
// `npm test` (timings are not assertions): it prints a Markdown table, writes it to
// bench-results/performance.md, and says which targets were met.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { toRootImports } from './root-imports';

const ROOT = path.join(__dirname, '..');
const FULL = process.argv.includes('--full');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const MEASURE = path.join(__dirname, 'bench-measure.js');
const WORK = fs.mkdtempSync(path.join(os.tmpdir(), 'om-bench-'));
const OUTDIR = path.join(WORK, 'cdktf.out');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'openmetadata-azure-keyvault');

interface Sample {
  readonly seconds: number;
  readonly rssBytes: number;
}

interface Result {
  readonly name: string;
  readonly runs: number;
  readonly seconds: number;
  readonly min: number;
  readonly max: number;
  readonly rssMb: number;
}

interface Case {
  readonly name: string;
  readonly command: string[];
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly runs?: number;
  /** Run once before measuring (builds caches). @default true */
  readonly warmUp?: boolean;
  /** Runs before each measured run, not timed (clears caches for a cold run). */
  readonly before?: () => void;
}

/**
 * Runs a command once: wall time from spawn to exit (what a user waits for) and the peak RSS of its
 * largest Node process (each one records its own at exit, see bench-measure.js).
 */
function runOnce(c: Case): Sample {
  const rssDir = fs.mkdtempSync(path.join(WORK, 'rss-'));
  fs.rmSync(OUTDIR, { recursive: true, force: true });
  const start = process.hrtime.bigint();
  const result = spawnSync(c.command[0], c.command.slice(1), {
    cwd: c.cwd ?? ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      CHECKPOINT_DISABLE: '1',
      CDKTF_OUTDIR: OUTDIR,
      ...c.env,
      BENCH_RSS_DIR: rssDir,
      // What the cdktf CLI sets for the app, plus the RSS probe.
      NODE_OPTIONS: `--max-old-space-size=4096 --require ${MEASURE}`,
    },
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) {
    throw new Error(`${c.command.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  const rss = fs.readdirSync(rssDir).map((f) => JSON.parse(fs.readFileSync(path.join(rssDir, f), 'utf8')).rssBytes as number);
  return { seconds, rssBytes: Math.max(0, ...rss) };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * A warm-up run of each case unless told otherwise, then the measured runs, round by round: cases
 * measured together alternate, so a machine that speeds up or slows down in between (this virtual
 * one does, by 10-30%) shifts them alike and their ratios hold. Median, range, peak RSS per case.
 */
function measure(...cases: Case[]): Result[] {
  const runs = Math.max(...cases.map((c) => c.runs ?? RUNS));
  process.stderr.write(`  ${cases.map((c) => c.name).join(' | ')} `);
  for (const c of cases) if (c.warmUp !== false) runOnce(c);
  const samples = cases.map((): Sample[] => []);
  for (let i = 0; i < runs; i++) {
    cases.forEach((c, j) => {
      if (i >= (c.runs ?? RUNS)) return;
      c.before?.();
      samples[j].push(runOnce(c));
    });
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  return cases.map((c, j) => {
    const times = samples[j].map((s) => s.seconds);
    return {
      name: c.name,
      runs: times.length,
      seconds: median(times),
      min: Math.min(...times),
      max: Math.max(...times),
      rssMb: Math.max(...samples[j].map((s) => s.rssBytes)) / 1024 / 1024,
    };
  });
}

/** What a fresh clone has: no jest cache, no app bundle, no ESLint cache. */
function clearCaches(): void {
  spawnSync('node', [path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), '--clearCache'], { cwd: ROOT, stdio: 'ignore' });
  fs.rmSync(CACHE, { recursive: true, force: true });
  fs.rmSync(path.join(ROOT, 'node_modules', '.cache', 'eslint'), { recursive: true, force: true });
  fs.rmSync(path.join(ROOT, 'node_modules', '.cache', 'standin'), { recursive: true, force: true });
}

/** A copy of the app whose provider imports come from the package roots, run through ts-node. */
function templateCopy(): string {
  const dir = path.join(WORK, 'template');
  fs.mkdirSync(path.join(dir, 'lib'), { recursive: true });
  const copy = (rel: string) => {
    const from = path.join(ROOT, rel);
    if (fs.statSync(from).isDirectory()) {
      fs.mkdirSync(path.join(dir, rel), { recursive: true });
      for (const name of fs.readdirSync(from)) copy(path.join(rel, name));
    } else if (rel.endsWith('.ts')) {
      fs.writeFileSync(path.join(dir, rel), toRootImports(fs.readFileSync(from, 'utf8')));
    }
  };
  copy('main.ts');
  copy('lib');
  fs.copyFileSync(path.join(ROOT, 'environments.yaml'), path.join(dir, 'environments.yaml'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  // The template's tsconfig: strict, type-checked by ts-node on every run.
  fs.writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'commonjs',
        lib: ['ES2022'],
        types: ['node'],
        strict: true,
        esModuleInterop: true,
        skipLibCheck: true,
      },
      include: ['main.ts', 'lib/**/*.ts'],
    }),
  );
  return dir;
}

/** A configuration of `count` environments, two workload identity principals each. */
function scaleConfig(count: number): string {
  const environments: Record<string, unknown> = {};
  for (let i = 1; i <= count; i++) {
    environments[`e${i}`] = {
      resourceGroup: `rg-om-e${i}`,
      keyVault: { name: `kv-om-bench-${i}`, network: { allowedIpRanges: ['203.0.113.0/24'] } },
      principals: {
        server: { auth: 'workload-identity', namespace: `om-e${i}`, serviceAccount: 'openmetadata' },
        ingestion: { auth: 'workload-identity', namespace: `airflow-e${i}`, serviceAccount: 'airflow' },
      },
    };
  }
  const file = path.join(WORK, `scale-${count}.yaml`);
  fs.writeFileSync(
    file,
    stringify({
      defaults: {
        tenantId: '00000000-0000-0000-0000-000000000000',
        subscriptionId: '11111111-1111-1111-1111-111111111111',
        location: 'westeurope',
        aks: {
          oidcIssuerUrl:
            'https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/22222222-2222-2222-2222-222222222222/',
        },
      },
      environments,
    }),
  );
  return file;
}

function main(): void {
  const started = Date.now();
  process.stderr.write(
    `Benchmark${FULL ? ' (--full)' : ''}: ${RUNS} runs per case after a warm-up unless the table says otherwise; cases on one line alternate\n`,
  );
  const [floor, app, npmSynth, cliSynth] = measure(
    { name: 'floor: `node -e \'require("cdktf")\'`', command: ['node', '-e', 'require("cdktf")'] },
    { name: 'the app alone (`cdktf.json` app), example config', command: ['node', path.join('scripts', 'cdktf-app.js')] },
    { name: '`npm run synth`, example config', command: ['npm', 'run', '--silent', 'synth'] },
    { name: '`npx cdktf synth`, example config', command: ['npx', 'cdktf', 'synth', '--output', OUTDIR], runs: 3 },
  );
  const [testCold] = measure({
    name: '`npm test`, cold caches (as a fresh clone)',
    command: ['npm', 'test', '--silent'],
    runs: FULL ? 3 : 1,
    warmUp: false,
    before: clearCaches,
  });
  // The real terraform against the stand-in providers (__tests__/standin/): what it adds to npm test.
  const [testWithout] = measure({
    name: '`npm test` without the stand-in tests, cold caches',
    command: ['npm', 'test', '--silent', '--', '--testPathIgnorePatterns', '__tests__/standin/'],
    runs: FULL ? 3 : 1,
    warmUp: false,
    before: clearCaches,
  });
  const [standin] = measure({
    name: 'the stand-in tests alone (`npx jest __tests__/standin`), warm',
    command: ['node', path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), '__tests__/standin'],
    runs: 3,
  });
  const rows = [floor, app, npmSynth, cliSynth, testCold, testWithout, standin];
  const targets: [string, boolean, string][] = [
    ['the app at most 1.5x the floor', app.seconds <= 1.5 * floor.seconds, `${(app.seconds / floor.seconds).toFixed(2)}x`],
    ['the app at most 150 MB peak RSS', app.rssMb <= 150, `${app.rssMb.toFixed(0)} MB`],
    ['`npm run synth` under 1 s', npmSynth.seconds < 1, `${npmSynth.seconds.toFixed(2)} s`],
    [
      '`npm test` under 30 s from cold caches, Terraform stand-in tests included',
      testCold.seconds < 30,
      `${testCold.seconds.toFixed(1)} s`,
    ],
  ];
  const notes: string[] = [
    `The stand-in tests add ${(testCold.seconds - testWithout.seconds).toFixed(1)} s to a cold \`npm test\` (${testWithout.seconds.toFixed(1)} s without them).`,
  ];

  if (FULL) {
    const [testWarm] = measure({ name: '`npm test`, warm caches', command: ['npm', 'test', '--silent'], runs: 3, warmUp: false });
    const [template] = measure({
      name: 'template way: root imports + ts-node, same code',
      command: ['node', path.join(ROOT, 'node_modules', 'ts-node', 'dist', 'bin.js'), 'main.ts'],
      cwd: templateCopy(),
      runs: 3,
    });
    const scale = measure(
      ...[1, 10, 50].map((n) => ({
        name: `scale: ${n} environment(s)`,
        command: ['node', path.join('scripts', 'cdktf-app.js')],
        env: { OM_AZURE_CONFIG: scaleConfig(n) },
      })),
    );
    rows.push(testWarm, template, ...scale);
    const [t1, t10, t50] = scale.map((r) => r.seconds);
    // Cost of one more environment, between 1 and 10, and between 10 and 50.
    const early = (t10 - t1) / 9;
    const late = (t50 - t10) / 40;
    targets.push(
      [
        'at least 20x faster than the template way',
        template.seconds >= 20 * app.seconds,
        `${(template.seconds / app.seconds).toFixed(1)}x`,
      ],
      ['50 environments under 3 s', t50 < 3, `${t50.toFixed(2)} s`],
      // Linear: an environment costs no more among 50 than among 10 (25% and 2 ms of noise allowed).
      [
        'time growing no faster than linearly with environments',
        late <= early * 1.25 + 0.002,
        `${(early * 1000).toFixed(1)} ms per environment from 1 to 10, ${(late * 1000).toFixed(1)} ms from 10 to 50`,
      ],
    );
    notes.push(
      `The template way takes ${(template.seconds / app.seconds).toFixed(1)}x the time and ${(template.rssMb / app.rssMb).toFixed(1)}x the memory of the app.`,
    );
  }

  const command = FULL ? 'npm run bench -- --full' : 'npm run bench';
  const table = [
    `Measured ${new Date().toISOString().slice(0, 10)} with \`${command}\` (${((Date.now() - started) / 1000).toFixed(0)} s) on ${os.cpus().length} cores, Node ${process.version}, ${os.platform()} ${os.arch()}. Wall time from start to exit; peak RSS of the largest Node process of the command.`,
    '',
    '| case | runs | median | range | peak RSS | vs floor |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.runs} | ${r.seconds.toFixed(2)} s | ${r.min.toFixed(2)}-${r.max.toFixed(2)} s | ${r.rssMb.toFixed(0)} MB | ${(r.seconds / floor.seconds).toFixed(2)}x |`,
    ),
    ...(notes.length > 0 ? ['', ...notes] : []),
  ].join('\n');
  const verdicts = targets.map(([what, ok, figure]) => `- ${ok ? 'met' : 'MISSED'}: ${what} (${figure})`).join('\n');

  const output = `${table}\n\nTargets:\n${verdicts}\n`;
  fs.mkdirSync(path.join(ROOT, 'bench-results'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'bench-results', 'performance.md'), output);
  process.stdout.write(`\n${output}\nWritten to bench-results/performance.md\n`);
  fs.rmSync(WORK, { recursive: true, force: true });
}

main();
