#!/usr/bin/env node
/**
 * `projen-containers-import`: reads an existing Dockerfile and inserts the equivalent constructs into `.projenrc.ts`.
 * The `containers:import` task runs it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, relative, resolve } from 'node:path';
import { readDockerfile } from './dockerfile-reader';
import { ImportError } from './import-error';
import { insertIntoProjenrc, TsMorphModule } from './projenrc-inserter';
import { ID_PATTERN } from '../core/names';

const USAGE = `usage: projen-containers-import [--family ID] [--image STAGE]... [--registry R] [--projenrc FILE] [--dry-run] DOCKERFILE
  Reads DOCKERFILE and inserts the equivalent Containers code into .projenrc.ts, before project.synth().
  The last stage (and every stage named with --image, and every stage an image builds FROM) becomes an image of one
  family; the other stages become build stages of the next image. Instructions without a typed equivalent become
  addRawLine() calls; each is reported with its line number.
  --family ID      family id (default: the Dockerfile's directory name, else "app")
  --image STAGE    also publish this stage as an image (repeatable)
  --registry R     registry of the Containers pipeline created when the file has none (e.g. ghcr.io/acme)
  --projenrc FILE  the file to edit (default .projenrc.ts)
  --dry-run        print the edited file instead of writing it`;

interface CliArgs {
  dockerfile?: string;
  family?: string;
  images: string[];
  registry?: string;
  projenrc: string;
  dryRun: boolean;
}

function parseArgs(argv: readonly string[]): CliArgs | string {
  const args: CliArgs = { images: [], projenrc: '.projenrc.ts', dryRun: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--') ? argv[++i] : undefined);
    switch (a) {
      case '--family': if ((args.family = next()) === undefined) return '--family needs an id'; break;
      case '--image': { const v = next(); if (v === undefined) return '--image needs a stage name'; args.images.push(v.toLowerCase()); break; }
      case '--registry': if ((args.registry = next()) === undefined) return '--registry needs a registry'; break;
      case '--projenrc': { const v = next(); if (v === undefined) return '--projenrc needs a file'; args.projenrc = v; break; }
      case '--dry-run': args.dryRun = true; break;
      case '--help': case '-h': return '';
      default:
        if (a.startsWith('-')) return `unknown option ${a}`;
        if (args.dockerfile !== undefined) return 'one Dockerfile at a time';
        args.dockerfile = a;
    }
  }
  if (args.dockerfile === undefined) return 'which Dockerfile?';
  return args;
}

/** ts-morph as the user's project resolves it, or undefined with the way to install it. */
function loadTsMorph(projectDir: string): TsMorphModule | string {
  try {
    return createRequire(resolve(projectDir, 'package.json'))('ts-morph') as TsMorphModule;
  } catch {
    return 'projen-containers-import edits .projenrc.ts with ts-morph, which this project does not have: add it as a development dependency (devDeps: [\'ts-morph\'] in .projenrc.ts, then npx projen; or npm install --save-dev ts-morph) and run again';
  }
}

/** The family id derived from the Dockerfile's location: its directory name when it is a valid id. */
function defaultFamily(dockerfile: string): string {
  const dir = basename(dirname(resolve(dockerfile))).toLowerCase();
  return ID_PATTERN.test(dir) && dir !== 'docker' ? dir : 'app';
}

/** Runs the command; returns the exit code. @internal */
export function main(argv: readonly string[], out: (line: string) => void = (l) => process.stderr.write(`${l}\n`), cwd = process.cwd()): number {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    out(args ? `${args}\n${USAGE}` : USAGE);
    return args ? 2 : 0;
  }
  const projenrcPath = resolve(cwd, args.projenrc);
  const tsMorph = loadTsMorph(dirname(projenrcPath));
  if (typeof tsMorph === 'string') {
    out(tsMorph);
    return 1;
  }
  const dockerfilePath = resolve(cwd, args.dockerfile!);
  const dockerfile = relative(dirname(projenrcPath), dockerfilePath).split('\\').join('/');
  try {
    const read = readDockerfile(readFileSync(dockerfilePath, 'utf8'));
    const result = insertIntoProjenrc(tsMorph, readFileSync(projenrcPath, 'utf8'), read.stages, {
      family: args.family ?? defaultFamily(dockerfilePath),
      dockerfile,
      images: args.images,
      source: dockerfile,
      registry: args.registry,
    });
    const warnings = [...read.warnings, ...result.emitted.warnings].sort((a, b) => a.line - b.line);
    for (const w of warnings) out(`${dockerfile}:${w.line}: ${w.message}`);
    if (args.dryRun) {
      process.stdout.write(result.text);
    } else {
      writeFileSync(projenrcPath, result.text);
      out(`imported ${read.stages.length} stage(s) of ${dockerfile} into ${args.projenrc} (images: ${result.emitted.images.join(', ')}); run npx projen to generate the Dockerfile`);
    }
    return 0;
  } catch (e) {
    if (e instanceof ImportError) {
      out(`${dockerfile}: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
