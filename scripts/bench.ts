// `npm run bench`: synth speed and memory, side by side. Not part of `npm test` (timings are not
// assertions); it prints a Markdown table, writes it to bench-results/performance.md, and says
// which targets were met.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { toRootImports } from './root-imports';

const ROOT = path.join(__dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TEMPLATE_RUNS = Number(process.env.BENCH_TEMPLATE_RUNS ?? 3);
const MEASURE = path.join(__dirname, 'bench-measure.js');
const WORK = fs.mkdtempSync(path.join(os.tmpdir(), 'om-bench-'));

interface Sample {
  readonly seconds: number;
  readonly rssBytes: number;
}

interface Result {
  readonly name: string;
  readonly seconds: number;
  readonly rssMb: number;
}

/** Runs a command once; wall time (node start to exit) and peak RSS, as the process measured them. */
function runOnce(command: string[], cwd: string, env: NodeJS.ProcessEnv): Sample {
  const rssFile = path.join(WORK, `sample-${process.hrtime.bigint()}.json`);
  const outdir = path.join(WORK, 'cdktf.out');
  fs.rmSync(outdir, { recursive: true, force: true });
  const result = spawnSync(command[0], command.slice(1), {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      ...env,
      CDKTF_OUTDIR: outdir,
      BENCH_RSS_FILE: rssFile,
      // What the cdktf CLI sets for the app, plus the RSS probe.
      NODE_OPTIONS: `--max-old-space-size=4096 --require ${MEASURE}`,
    },
  });
  if (result.status !== 0) {
    throw new Error(`${command.join(' ')} failed (${result.status}):\n${result.stderr}`);
  }
  return JSON.parse(fs.readFileSync(rssFile, 'utf8')) as Sample;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** One warm-up run (builds caches), then `runs` measured ones: median time, peak RSS. */
function measure(name: string, command: string[], cwd: string, env: NodeJS.ProcessEnv = {}, runs = RUNS): Result {
  process.stderr.write(`  ${name} `);
  runOnce(command, cwd, env);
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    samples.push(runOnce(command, cwd, env));
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  return { name, seconds: median(samples.map((s) => s.seconds)), rssMb: Math.max(...samples.map((s) => s.rssBytes)) / 1024 / 1024 };
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
      compilerOptions: { target: 'ES2022', module: 'commonjs', lib: ['ES2022'], types: ['node'], strict: true, esModuleInterop: true, skipLibCheck: true },
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
        aks: { oidcIssuerUrl: 'https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/22222222-2222-2222-2222-222222222222/' },
      },
      environments,
    }),
  );
  return file;
}

function main(): void {
  const app = ['node', path.join('scripts', 'cdktf-app.js')];
  process.stderr.write(`Benchmark: ${RUNS} runs per case (${TEMPLATE_RUNS} for the template way) after a warm-up\n`);
  const floor = measure('floor: node -e \'require("cdktf")\'', ['node', '-e', 'require("cdktf")'], ROOT);
  const ours = measure('this project: example synth (cdktf.json app)', app, ROOT, { OM_AZURE_CONFIG: 'environments.yaml' });
  const template = measure(
    'template way: root imports + ts-node',
    ['node', path.join(ROOT, 'node_modules', 'ts-node', 'dist', 'bin.js'), 'main.ts'],
    templateCopy(),
    {},
    TEMPLATE_RUNS,
  );
  const scale = [1, 10, 50].map((n) => ({ n, result: measure(`scale: ${n} environment(s)`, app, ROOT, { OM_AZURE_CONFIG: scaleConfig(n) }) }));

  const rows = [floor, ours, template, ...scale.map((s) => s.result)];
  const table = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores, Node ${process.version}, ${os.platform()} ${os.arch()}; median of ${RUNS} runs (${TEMPLATE_RUNS} for the template way) after a warm-up.`,
    '',
    '| case | median wall time | peak RSS | vs floor |',
    '| --- | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.name} | ${r.seconds.toFixed(2)} s | ${r.rssMb.toFixed(0)} MB | ${(r.seconds / floor.seconds).toFixed(2)}x |`),
    '',
    `The template way takes ${(template.seconds / ours.seconds).toFixed(1)}x the time and ${(template.rssMb / ours.rssMb).toFixed(1)}x the memory of this project.`,
  ].join('\n');

  const [t1, t10, t50] = scale.map((s) => s.result.seconds);
  // Cost of one more environment, between 1 and 10, and between 10 and 50.
  const early = (t10 - t1) / 9;
  const late = (t50 - t10) / 40;
  const targets: [string, boolean, string][] = [
    ['example synth at most 1.5x the floor', ours.seconds <= 1.5 * floor.seconds, `${(ours.seconds / floor.seconds).toFixed(2)}x`],
    ['example synth at most 150 MB peak RSS', ours.rssMb <= 150, `${ours.rssMb.toFixed(0)} MB`],
    ['at least 20x faster than the template way', template.seconds >= 20 * ours.seconds, `${(template.seconds / ours.seconds).toFixed(1)}x`],
    ['50 environments under 3 s', t50 < 3, `${t50.toFixed(2)} s`],
    // Linear: an environment costs no more among 50 than among 10 (25% and 2 ms of noise allowed).
    [
      'time growing no faster than linearly with environments',
      late <= early * 1.25 + 0.002,
      `${(early * 1000).toFixed(1)} ms per environment from 1 to 10, ${(late * 1000).toFixed(1)} ms from 10 to 50`,
    ],
  ];
  const verdicts = targets.map(([what, ok, figure]) => `- ${ok ? 'met' : 'MISSED'}: ${what} (${figure})`).join('\n');

  const output = `${table}\n\nTargets:\n${verdicts}\n`;
  fs.mkdirSync(path.join(ROOT, 'bench-results'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'bench-results', 'performance.md'), output);
  process.stdout.write(`\n${output}\nWritten to bench-results/performance.md\n`);
  fs.rmSync(WORK, { recursive: true, force: true });
}

main();
