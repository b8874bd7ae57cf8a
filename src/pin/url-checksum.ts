import { createHash } from 'node:crypto';
import * as https from 'node:https';
import type { LockedUrl, PinLock } from './lockfile';
import { PinError } from './pin-error';

/** How downloads are made. @internal */
export interface UrlChecksumOptions {
  /** Time allowed for each download, connection to last byte, in milliseconds. */
  readonly timeoutMs: number;
  /** Attempts after the first for failures that may pass (timeouts, connection resets, 5xx, 429). */
  readonly retries: number;
  /** First backoff delay; doubled after each attempt. */
  readonly backoffMs: number;
  /** Extra trusted certificate authorities (PEM), for tests; `NODE_EXTRA_CA_CERTS` works too. */
  readonly ca?: string;
  /** Largest download hashed. */
  readonly maxBytes?: number;
}

const MAX_REDIRECTS = 5;
const DEFAULT_MAX_BYTES = 2 * 1024 ** 3;

/**
 * The `sha256:<hex>` of what `url` serves: an HTTPS GET (redirects followed, HTTPS only, at most 5), the body hashed
 * as it streams. Throws a `PinError` naming the URL, its host and what to do.
 * @internal
 */
export async function urlChecksum(url: string, options: UrlChecksumOptions): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await download(url, url, options, 0);
    } catch (e) {
      const error = e instanceof PinError ? e : new PinError(url, hostOf(url), String(e), 'report this as a bug');
      if (!error.retryable || attempt >= options.retries) throw error;
      await new Promise((r) => setTimeout(r, options.backoffMs * 2 ** attempt));
    }
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '-';
  }
}

function download(original: string, url: string, options: UrlChecksumOptions, redirects: number): Promise<string> {
  const host = hostOf(url);
  const fail = (problem: string, hint: string, retryable = false) => new PinError(original, host, problem, hint, retryable);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return Promise.reject(fail(`"${url}" is not a URL`, 'fix the ADD URL in the pipeline'));
  }
  if (parsed.protocol !== 'https:') return Promise.reject(fail(`${url} is not an https URL`, 'ADD downloads must use https'));
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      f();
    };
    const req = https.get(parsed, { ...(options.ca ? { ca: options.ca } : {}), headers: { 'User-Agent': 'projen-containers-pin' } }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location !== undefined) {
        res.resume();
        if (redirects >= MAX_REDIRECTS) {
          settle(() => reject(fail(`more than ${MAX_REDIRECTS} redirects`, 'use the final URL in the pipeline')));
          return;
        }
        const next = new URL(res.headers.location, parsed).toString();
        settle(() => download(original, next, options, redirects + 1).then(resolve, reject));
        return;
      }
      if (status !== 200) {
        res.resume();
        const retryable = status === 429 || status >= 500;
        const hint = status === 404 || status === 410 ? 'check the ADD URL in the pipeline' : retryable ? 'try again later' : 'check that the URL is public';
        settle(() => reject(fail(`the server answered ${status}`, hint, retryable)));
        return;
      }
      const hash = createHash('sha256');
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          res.destroy();
          settle(() => reject(fail(`the download is larger than ${maxBytes} bytes`, 'pin a smaller file or raise the limit')));
          return;
        }
        hash.update(chunk);
      });
      res.on('end', () => settle(() => resolve(`sha256:${hash.digest('hex')}`)));
      res.on('error', (e) => settle(() => reject(fail(`the connection broke during the download (${e.message})`, 'try again', true))));
    });
    const timer = setTimeout(() => {
      req.destroy();
      settle(() => reject(fail(`no complete download within ${options.timeoutMs} ms`, 'try again or raise --timeout', true)));
    }, options.timeoutMs);
    req.on('error', (e: NodeJS.ErrnoException) => {
      const tls = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(`${e.code ?? ''} ${e.message}`);
      settle(() => reject(tls
        ? fail(`TLS failed (${e.code ?? e.message})`, 'trust the server\'s certificate authority with NODE_EXTRA_CA_CERTS')
        : fail(`connection failed (${e.code ?? e.message})`, 'check the host and your network', true)));
    });
  });
}

/** What happened to one URL. @internal */
export type UrlOutcome =
  | { readonly kind: 'kept'; readonly entry: LockedUrl }
  | { readonly kind: 'pinned'; readonly entry: LockedUrl; readonly previous?: LockedUrl; readonly ms: number }
  | { readonly kind: 'failed'; readonly error: PinError };

/** Options of one URL pin run. @internal */
export interface PinUrlsOptions extends UrlChecksumOptions {
  readonly update: boolean;
  readonly concurrency: number;
  readonly onProgress?: (url: string, outcome: UrlOutcome) => void;
}

/**
 * The `urls` of the lock for exactly `urls`: entries of `lock` are kept unless `update` is set, missing ones are
 * downloaded and hashed (at most `concurrency` at a time), entries for URLs no longer used are dropped. Returns the
 * entries and every failure (after all downloads have finished).
 * @internal
 */
export async function pinUrls(
  urls: readonly string[], lock: PinLock, options: PinUrlsOptions,
): Promise<{ readonly urls: Map<string, LockedUrl>; readonly failures: PinError[] }> {
  const result = new Map<string, LockedUrl>();
  const failures: PinError[] = [];
  const todo: string[] = [];
  for (const url of [...new Set(urls)].sort()) {
    const kept = lock.urls.get(url);
    if (kept && !options.update) {
      result.set(url, kept);
      options.onProgress?.(url, { kind: 'kept', entry: kept });
    } else {
      todo.push(url);
    }
  }
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const url = todo[next++];
      const started = Date.now();
      try {
        const entry = { checksum: await urlChecksum(url, options) };
        result.set(url, entry);
        options.onProgress?.(url, { kind: 'pinned', entry, previous: lock.urls.get(url), ms: Date.now() - started });
      } catch (e) {
        const error = e instanceof PinError ? e : new PinError(url, hostOf(url), String(e), 'report this as a bug');
        failures.push(error);
        options.onProgress?.(url, { kind: 'failed', error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, todo.length)) }, worker));
  return { urls: result, failures: failures.sort((a, b) => (a.image < b.image ? -1 : 1)) };
}
