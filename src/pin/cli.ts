#!/usr/bin/env node
/**
 * `projen-containers-pin`: resolves base image tags to digests and writes the lockfile. The generated projen task
 * `containers:pin` calls it with every base image reference of the pipeline.
 */
import { resolve as resolvePath } from 'node:path';
import { dockerConfigCredentials } from './credentials';
import { readLockFile, renderLock, writeFileAtomic } from './lockfile';
import { PinError } from './pin-error';
import { PinOutcome, pinImages, PinRunError } from './pin-images';
import { parseMirror } from './pin-target';
import { pinUrls, UrlOutcome } from './url-checksum';

const USAGE = `usage: projen-containers-pin [--lock FILE] [--update] [--url URL]... [--mirror R=M]... [--concurrency N] [--timeout MS] [--retries N] REFERENCE...
  Resolves each image reference (name:tag) to the digest its registry serves, and each ADD URL to the sha256 of what
  it serves, and writes the lockfile.
  --lock FILE        lockfile path (default containers.lock.json)
  --url URL          an https URL of an ADD instruction to checksum (repeatable)
  --update           resolve every reference again (default: only those missing from the lock)
  --mirror R=M       resolve images of registry R (docker.io for Docker Hub) through mirror M (repeatable)
  --concurrency N    requests in parallel (default 8)
  --timeout MS       time allowed per request (default 15000)
  --retries N        retries of timeouts, 5xx and 429 answers (default 3)`;

interface CliArgs {
  lock: string;
  update: boolean;
  concurrency: number;
  timeoutMs: number;
  retries: number;
  references: string[];
  urls: string[];
  mirrors: Map<string, string>;
}

function parseArgs(argv: readonly string[]): CliArgs | string {
  const args: CliArgs = {
    lock: 'containers.lock.json', update: false, concurrency: 8, timeoutMs: 15_000, retries: 3, references: [], urls: [], mirrors: new Map(),
  };
  const int = (flag: string, v: string | undefined, min: number, max: number): number | string => {
    const n = Number(v);
    return v !== undefined && /^\d+$/.test(v) && n >= min && n <= max ? n : `${flag} needs a whole number from ${min} to ${max}`;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    let n: number | string;
    switch (a) {
      case '--lock':
        if (!argv[i + 1]) return '--lock needs a file';
        args.lock = argv[++i];
        break;
      case '--url':
        if (!argv[i + 1]) return '--url needs a URL';
        args.urls.push(argv[++i]);
        break;
      case '--update':
        args.update = true;
        break;
      case '--mirror': {
        const mirror = parseMirror(argv[++i] ?? '');
        if (typeof mirror === 'string') return mirror;
        args.mirrors.set(mirror[0], mirror[1]);
        break;
      }
      case '--concurrency':
        if (typeof (n = int(a, argv[++i], 1, 64)) === 'string') return n;
        args.concurrency = n;
        break;
      case '--timeout':
        if (typeof (n = int(a, argv[++i], 100, 600_000)) === 'string') return n;
        args.timeoutMs = n;
        break;
      case '--retries':
        if (typeof (n = int(a, argv[++i], 0, 10)) === 'string') return n;
        args.retries = n;
        break;
      case '--help':
      case '-h':
        return '';
      default:
        if (a.startsWith('-')) return `unknown option ${a}`;
        args.references.push(a);
    }
  }
  return args;
}

function describeOutcome(ref: string, o: PinOutcome): string {
  switch (o.kind) {
    case 'kept':
      return `= ${ref} ${o.entry.digest} (locked)`;
    case 'pinned':
      if (o.previous && o.previous.digest !== o.entry.digest) return `~ ${ref} ${o.previous.digest} -> ${o.entry.digest} (${o.ms} ms)`;
      return `${o.previous ? '=' : '+'} ${ref} ${o.entry.digest} (${o.ms} ms)`;
    case 'failed':
      return `! ${ref}: ${o.error.problem}`;
  }
}

function describeUrlOutcome(url: string, o: UrlOutcome): string {
  switch (o.kind) {
    case 'kept':
      return `= ${url} ${o.entry.checksum} (locked)`;
    case 'pinned':
      if (o.previous && o.previous.checksum !== o.entry.checksum) return `~ ${url} ${o.previous.checksum} -> ${o.entry.checksum} (${o.ms} ms)`;
      return `${o.previous ? '=' : '+'} ${url} ${o.entry.checksum} (${o.ms} ms)`;
    case 'failed':
      return `! ${url}: ${o.error.problem}`;
  }
}

/** Runs the command; returns the exit code. @internal */
export async function main(argv: readonly string[], out: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    out(args ? `${args}\n${USAGE}` : USAGE);
    return args ? 2 : 0;
  }
  const lockPath = resolvePath(args.lock);
  const existing = readLockFile(lockPath);
  if ('problems' in existing) {
    out(`${args.lock} ${existing.problems.join('; ')}; fix or delete it and run again`);
    return 1;
  }
  const common = { update: args.update, concurrency: args.concurrency, timeoutMs: args.timeoutMs, retries: args.retries, backoffMs: 500 };
  try {
    const [images, urls] = await Promise.all([
      pinImages(args.references, existing, {
        ...common,
        maxRetryAfterMs: 60_000,
        mirrors: args.mirrors,
        credentials: dockerConfigCredentials(),
        onProgress: (ref, o) => out(describeOutcome(ref, o)),
      }).catch((e: unknown) => (e instanceof PinRunError ? e : Promise.reject(e))),
      pinUrls(args.urls, existing, { ...common, onProgress: (url, o) => out(describeUrlOutcome(url, o)) }),
    ]);
    const failures: PinError[] = [...(images instanceof PinRunError ? images.failures : []), ...urls.failures];
    if (failures.length > 0) throw new PinRunError(failures);
    const lock = { images: (images as Exclude<typeof images, PinRunError>).images, urls: urls.urls };
    writeFileAtomic(lockPath, renderLock(lock));
    out(`wrote ${args.lock} (${lock.images.size} image(s)${lock.urls.size > 0 ? `, ${lock.urls.size} URL(s)` : ''})`);
    return 0;
  } catch (e) {
    out(e instanceof PinRunError ? e.message : `pin failed: ${(e as Error).stack ?? String(e)}`);
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
