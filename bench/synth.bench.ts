/**
 * Synthesis benchmark: a full `project.synth()` (files written) of pipelines with 1, 10, 100 and 1000 images against
 * projen's bare `new Project({ name, outdir })`, in one run, interleaved, after warm-up; medians. Then the same cases
 * end to end in fresh Node.js processes (library transpiled from src/ to CommonJS), and a CPU profile of the largest case.
 * Writes docs/benchmarks.md.
 *
 * Usage: npx projen bench [--rounds N] [--warmup N] [--sizes 1,10,100,1000] [--budget-ms MS] [--no-process] [--no-write]
 *   --budget-ms   a case whose first sample takes longer gets only 3 samples, all measured (default 5000)
 *   --no-process  skip the fresh-process measurements
 *   --no-write    print the report instead of writing docs/benchmarks.md
 * For a full profile: node --cpu-prof -r ts-node/register/transpile-only bench/synth.bench.ts --sizes 1000 --no-process --no-write
 */
// Before anything synthesizes: no npm install or other post-synthesis step.
process.env.PROJEN_DISABLE_POST = 'true';

import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'fs';
import { Session } from 'inspector/promises';
import { arch, cpus, platform, tmpdir, totalmem } from 'os';
import { join, relative } from 'path';
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';
import * as projen from 'projen';
import * as ts from 'typescript';
import * as lib from '../src';
import { bareProject, containersProject, IMAGES_PER_FAMILY } from './workload';

// ---------------------------------------------------------------------------------------------------------------
// Options

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const ROUNDS = Number(option('rounds') ?? 9);
const WARMUP = Number(option('warmup') ?? 3);
const PROCESS_ROUNDS = Number(option('process-rounds') ?? 7);
const SIZES = (option('sizes') ?? '1,10,100,1000').split(',').map(Number);
const BUDGET_MS = Number(option('budget-ms') ?? 5000);
const SLOW_SAMPLES = 3;
const RUN_PROCESS = !process.argv.includes('--no-process');
const WRITE = !process.argv.includes('--no-write');
const ROOT = join(__dirname, '..');
const DOC = join(ROOT, 'docs', 'benchmarks.md');

// Collect garbage before each sample so one case's garbage is not charged to the next.
setFlagsFromString('--expose-gc');
const gc: () => void = runInNewContext('gc');

interface Case {
  readonly label: string;
  readonly images: number;
}

const CASES: Case[] = [
  { label: 'bare projen Project', images: 0 },
  ...SIZES.map((n) => ({ label: `${n} image${n === 1 ? '' : 's'}`, images: n })),
];
const BARE = CASES[0];
const LARGEST = CASES[CASES.length - 1];

const scratch = mkdtempSync(join(tmpdir(), 'projen-containers-bench-'));
let counter = 0;
const newOutdir = () => {
  const dir = join(scratch, `out-${counter++}`);
  mkdirSync(dir);
  return dir;
};

// ---------------------------------------------------------------------------------------------------------------
// Helpers

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function tally(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) {
      files++;
      bytes += statSync(join(e.parentPath, e.name)).size;
    }
  }
  return { files, bytes };
}

const ms = (x: number) => x.toFixed(2);
const ratio = (x: number) => `${x.toFixed(2)}×`;
const log = (s: string) => process.stderr.write(`${s}\n`);

/**
 * Runs `measure` for every case, interleaved: each round runs every case once, starting at a different case each
 * round. A case whose first sample exceeds the budget is cut to {@link SLOW_SAMPLES} samples, all measured.
 */
function interleave<S>(name: string, warmup: number, rounds: number, measure: (c: Case) => S, time: (s: S) => number): Map<Case, S[]> {
  const samples = new Map<Case, S[]>(CASES.map((c) => [c, []]));
  const plan = new Map<Case, { warmup: number; total: number }>(CASES.map((c) => [c, { warmup, total: warmup + rounds }]));
  for (let round = 0; round < warmup + rounds; round++) {
    const order = CASES.map((_, i) => CASES[(i + round) % CASES.length]);
    const line: string[] = [];
    for (const c of order) {
      const p = plan.get(c)!;
      if (round >= p.total) continue;
      const s = measure(c);
      if (round === 0 && time(s) > BUDGET_MS) plan.set(c, { warmup: 0, total: SLOW_SAMPLES });
      if (round >= plan.get(c)!.warmup) samples.get(c)!.push(s);
      line.push(`${c.label} ${time(s).toFixed(1)} ms`);
    }
    log(`${name} round ${round + 1}/${warmup + rounds}${round < warmup ? ' (warm-up)' : ''}: ${line.join(', ')}`);
  }
  return samples;
}

// ---------------------------------------------------------------------------------------------------------------
// In-process synthesis

interface InProcess {
  readonly constructMs: number;
  readonly synthMs: number;
  readonly files: number;
  readonly bytes: number;
}

function make(c: Case, outdir: string): projen.Project {
  return c.images === 0 ? bareProject(projen, outdir) : containersProject(projen, lib, outdir, c.images);
}

function measureInProcess(c: Case): InProcess {
  const outdir = newOutdir();
  gc();
  const t0 = process.hrtime.bigint();
  const project = make(c, outdir);
  const t1 = process.hrtime.bigint();
  project.synth();
  const t2 = process.hrtime.bigint();
  const out = tally(outdir);
  rmSync(outdir, { recursive: true, force: true });
  return { constructMs: Number(t1 - t0) / 1e6, synthMs: Number(t2 - t1) / 1e6, ...out };
}

// ---------------------------------------------------------------------------------------------------------------
// Fresh processes: node + projen (+ lib/) + construct + synth, as `npx projen` does minus compiling .projenrc.ts

/**
 * The library as a consumer loads it: src/ transpiled to CommonJS (as jsii's tsc emits lib/) in the scratch directory,
 * next to links to templates/ and node_modules/. Always matches the src/ this run measures in-process.
 */
function transpileLibrary(): string {
  const pkg = join(scratch, 'pkg');
  const src = join(ROOT, 'src');
  for (const e of readdirSync(src, { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || !e.name.endsWith('.ts')) continue;
    const file = join(e.parentPath, e.name);
    const out = join(pkg, 'lib', relative(src, file).replace(/\.ts$/, '.js'));
    mkdirSync(join(out, '..'), { recursive: true });
    writeFileSync(out, ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    }).outputText);
  }
  symlinkSync(join(ROOT, 'templates'), join(pkg, 'templates'));
  symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'));
  return join(pkg, 'lib', 'index.js');
}

function prepareChild(): string {
  const dir = join(scratch, 'child');
  mkdirSync(dir);
  const source = readFileSync(join(__dirname, 'workload.ts'), 'utf8');
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  writeFileSync(join(dir, 'workload.js'), js);
  writeFileSync(join(dir, 'child.js'), [
    "process.env.PROJEN_DISABLE_POST = 'true';",
    'const [projenPath, libPath, outdir, images] = process.argv.slice(2);',
    'const projen = require(projenPath);',
    "const w = require('./workload.js');",
    'const n = Number(images);',
    '(n === 0 ? w.bareProject(projen, outdir) : w.containersProject(projen, require(libPath), outdir, n)).synth();',
    '',
  ].join('\n'));
  return join(dir, 'child.js');
}

function measureProcess(child: string, library: string, c: Case): number {
  const outdir = newOutdir();
  const env = { ...process.env };
  delete env.NODE_ENV;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [child, require.resolve('projen'), library, outdir, String(c.images)], {
    env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  });
  const t1 = process.hrtime.bigint();
  if (r.status !== 0) throw new Error(`fresh-process synthesis of ${c.label} failed:\n${r.stderr}`);
  rmSync(outdir, { recursive: true, force: true });
  return Number(t1 - t0) / 1e6;
}

// ---------------------------------------------------------------------------------------------------------------
// CPU profile of one in-process synthesis

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

async function profileSynth(c: Case): Promise<{ totalMs: number; self: Array<[string, number]>; inclusive: Array<[string, number]> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  const project = make(c, newOutdir());
  gc();
  await session.post('Profiler.start');
  project.synth();
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();

  const nodes = profile.nodes as ProfileNode[];
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of nodes) for (const ch of n.children ?? []) parent.set(ch, n.id);
  const name = (n: ProfileNode) => {
    const url = n.callFrame.url.replace(/^file:\/\//, '');
    const where = url ? relative(ROOT, url) : '';
    return `${n.callFrame.functionName || '(anonymous)'}${where ? ` (${where})` : ''}`;
  };
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id: number, i: number) => {
    const dt = (deltas[i + 1] ?? 0) / 1000;
    total += dt;
    const leaf = byId.get(id)!;
    self.set(name(leaf), (self.get(name(leaf)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const k = name(byId.get(cur)!);
      if (!seen.has(k)) inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
      seen.add(k);
    }
  });
  const top = (m: Map<string, number>, keep: (k: string) => boolean) => [...m].filter(([k]) => keep(k)).sort((a, b) => b[1] - a[1]).slice(0, 10);
  return {
    totalMs: total,
    self: top(self, (k) => !k.startsWith('(root)') && !k.startsWith('(program)') && !k.startsWith('(idle)')),
    inclusive: top(inclusive, (k) => k.includes('(src/')),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Run

async function main(): Promise<void> {
  const started = Date.now();
  const inProcess = interleave('in-process', WARMUP, ROUNDS, measureInProcess, (s) => s.constructMs + s.synthMs);

  let fresh: Map<Case, number[]> | undefined;
  if (RUN_PROCESS) {
    const child = prepareChild();
    const library = transpileLibrary();
    fresh = interleave('fresh-process', 1, PROCESS_ROUNDS, (c) => measureProcess(child, library, c), (t) => t);
  }

  log(`profiling one synthesis of ${LARGEST.label}`);
  const prof = await profileSynth(LARGEST);
  rmSync(scratch, { recursive: true, force: true });
  const elapsed = (Date.now() - started) / 1000;

  // ------------------------------------------------------------------------------------------------------------
  // Report

  const med = (c: Case, k: 'constructMs' | 'synthMs') => median(inProcess.get(c)!.map((s) => s[k]));
  const bareSynth = med(BARE, 'synthMs');
  const bareTotal = bareSynth + med(BARE, 'constructMs');
  const byImages = (n: number) => CASES.find((c) => c.images === n);

  const rows = CASES.map((c) => {
    const synth = med(c, 'synthMs');
    const construct = med(c, 'constructMs');
    const all = inProcess.get(c)!.map((s) => s.synthMs);
    const last = inProcess.get(c)!.at(-1)!;
    return `| ${c.label} | ${all.length} | ${last.files} | ${last.bytes} | ${ms(construct)} | ${ms(synth)} | ${ms(Math.min(...all))} – ${ms(Math.max(...all))} | ${ratio(synth / bareSynth)} | ${ratio((synth + construct) / bareTotal)} |`;
  });

  const c100 = byImages(100);
  const c1000 = byImages(1000);
  const scaling = c100 && c1000 ? med(c1000, 'synthMs') / med(c100, 'synthMs') : undefined;
  const targets: string[] = [];
  let met = true;
  if (c100) {
    const r = med(c100, 'synthMs') / bareSynth;
    met &&= r < 2;
    targets.push(`| 100 images < 2× bare synthesis (in-process) | ${ratio(r)} | ${r < 2 ? 'met' : '**missed**'} |`);
  }
  if (scaling !== undefined) {
    met &&= scaling <= 12;
    targets.push(`| 1000 images ≤ 12× 100 images (in-process) | ${ratio(scaling)} | ${scaling <= 12 ? 'met' : '**missed**'} |`);
  }
  // the same targets on what a user waits for: `npx projen` end to end, process start and projen's loading included
  const bareFresh = fresh?.get(BARE);
  if (fresh && bareFresh && c100 && fresh.get(c100)) {
    const r = median(fresh.get(c100)!) / median(bareFresh);
    targets.push(`| 100 images < 2× bare synthesis (fresh process) | ${ratio(r)} | ${r < 2 ? 'met' : '**missed**'} |`);
    if (c1000 && fresh.get(c1000)) {
      const f = median(fresh.get(c1000)!) / median(fresh.get(c100)!);
      targets.push(`| 1000 images ≤ 12× 100 images (fresh process) | ${ratio(f)} | ${f <= 12 ? 'met' : '**missed**'} |`);
    }
  }

  const freshSection: string[] = [];
  if (fresh) {
    const fm = (c: Case) => median(fresh!.get(c)!);
    freshSection.push(
      '| Case | Samples | Wall time (ms) | Range (ms) | / bare |',
      '|---|---:|---:|---:|---:|',
      ...CASES.map((c) => {
        const all = fresh!.get(c)!;
        return `| ${c.label} | ${all.length} | ${ms(fm(c))} | ${ms(Math.min(...all))} – ${ms(Math.max(...all))} | ${ratio(fm(c) / fm(BARE))} |`;
      }),
      '',
      c100 && c1000 ? `1000 images / 100 images: ${ratio(fm(c1000) / fm(c100))}.` : 'Run with sizes 100 and 1000 for the scaling ratio.',
    );
  } else {
    freshSection.push('Not measured (--no-process).');
  }

  const projenVersion: string = JSON.parse(readFileSync(require.resolve('projen/package.json'), 'utf8')).version;
  const cpu = cpus();
  const report = [
    '# Synthesis benchmarks',
    '',
    'Generated by `npx projen bench` (`bench/synth.bench.ts`); do not edit by hand, rerun the benchmark.',
    '',
    '## Machine',
    '',
    '| Fact | Value |',
    '|---|---|',
    `| Date | ${new Date().toISOString().slice(0, 10)} |`,
    `| Node.js | ${process.version} |`,
    `| Platform | ${platform()} ${arch()} |`,
    `| CPU | ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown'} |`,
    `| Memory | ${Math.round(totalmem() / 2 ** 30)} GiB |`,
    `| projen | ${projenVersion} |`,
    `| NODE_ENV (projen's IS_TEST_RUN) | ${process.env.NODE_ENV ?? '(unset)'} |`,
    '',
    '## Method',
    '',
    '- **In-process**: one Node.js process runs every case against `src/`; each sample builds a fresh project into a new',
    '  empty directory under `os.tmpdir()` and calls `project.synth()`, which writes every file (read-only, with projen\'s',
    '  marker). `PROJEN_DISABLE_POST=true`, so no `npm install` or other post-synthesis step runs.',
    '- Baseline: `new Project({ name, outdir })` with nothing added (projen writes `.gitignore`, `.gitattributes`,',
    '  `.projen/tasks.json` and `.projen/files.json`).',
    `- Pipelines: families of ${IMAGES_PER_FAMILY} chained images (runtime → layer1 … → sdk), one multi-target Dockerfile per family,`,
    '  a digest-pinned registry base behind a build argument, a build stage COPY --from\'d into the runtime image, and per',
    '  image a RUN with two apt cache mounts, two COPYs of image-specific context paths, an ENV and a WORKDIR; two platforms;',
    '  one build context (one `.dockerignore`); the workflow, Makefile, bake file and CONTAINERS.md are generated',
    '  (`bench/workload.ts`).',
    `- ${WARMUP} warm-up rounds, then ${ROUNDS} measured rounds; every round runs every case once, interleaved (the starting`,
    '  case rotates each round); garbage is collected before each sample. Figures are medians. A case whose first sample',
    `  exceeds ${BUDGET_MS} ms gets ${SLOW_SAMPLES} samples, all measured.`,
    '- *Construct* = building the project and model (what `.projenrc.ts` does before `synth()`); *synth* =',
    '  `project.synth()` (validation, planning, rendering, writing). Ratios divide by the bare project\'s median.',
    '- projen\'s `Testing.synth()` is not used: it also reads every file back and deletes the directory, and projen reads',
    '  `NODE_ENV=test` (IS_TEST_RUN) once at import time, which silences logging and stamps version 99.99.99.',
    '- **Fresh process**: the same cases, each a new `node` process that loads projen (and, except for the baseline, the',
    '  library: src/ transpiled to CommonJS the way jsii\'s tsc emits lib/), builds the model and synthesizes: what',
    `  \`npx projen\` does, minus compiling \`.projenrc.ts\`. 1 warm-up round, then ${PROCESS_ROUNDS} measured rounds, interleaved;`,
    '  wall time of the process.',
    '',
    '## In-process synthesis',
    '',
    '| Case | Samples | Files | Bytes | Construct (ms) | Synth (ms) | Synth range (ms) | Synth / bare | (Construct + synth) / bare |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    scaling !== undefined
      ? `1000 images / 100 images: synth ${ratio(scaling)}, construct + synth ${ratio((med(c1000!, 'synthMs') + med(c1000!, 'constructMs')) / (med(c100!, 'synthMs') + med(c100!, 'constructMs')))}.`
      : 'Run with sizes 100 and 1000 for the scaling ratio.',
    '',
    '## Fresh process (end to end)',
    '',
    ...freshSection,
    '',
    '## Targets',
    '',
    '| Target | Measured | Result |',
    '|---|---:|---|',
    ...targets,
    '',
    `Overall (in-process rows decide): ${targets.length === 0 ? 'not evaluated (sizes 100 and 1000 not run)' : met ? 'all targets met' : 'targets missed'}.`,
    '',
    `## Where the time goes (${LARGEST.label})`,
    '',
    `One extra in-process synthesis of ${LARGEST.label} under V8's sampling profiler (100 µs): ${ms(prof.totalMs)} ms sampled.`,
    '',
    '| Self time: function (file) | ms | share |',
    '|---|---:|---:|',
    ...prof.self.map(([k, t]) => `| ${k.replace(/\|/g, '\\|')} | ${ms(t)} | ${(100 * t / prof.totalMs).toFixed(1)}% |`),
    '',
    '| Inclusive time in src/: function (file) | ms | share |',
    '|---|---:|---:|',
    ...prof.inclusive.map(([k, t]) => `| ${k.replace(/\|/g, '\\|')} | ${ms(t)} | ${(100 * t / prof.totalMs).toFixed(1)}% |`),
    '',
    `Wall time of the benchmark run: ${Math.round(elapsed)} s.`,
    '',
  ].join('\n');

  if (WRITE) {
    mkdirSync(join(DOC, '..'), { recursive: true });
    writeFileSync(DOC, report);
    log(`wrote ${relative(process.cwd(), DOC)}`);
  } else {
    process.stdout.write(report);
  }
}

main().catch((e) => {
  rmSync(scratch, { recursive: true, force: true });
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
