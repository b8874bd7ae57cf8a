import * as http from 'node:http';
import * as https from 'node:https';

/** A response read to the end (bodies larger than the limit are cut off and flagged). @internal */
export interface HttpResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
  /** Whether the body exceeded the limit and was cut off. */
  readonly truncated: boolean;
}

/** Why a request produced no response. @internal */
export type TransportFailure = 'timeout' | 'tls' | 'connection';

/** A request that produced no HTTP response. @internal */
export class TransportError extends Error {
  constructor(public readonly failure: TransportFailure, message: string) {
    super(message);
    this.name = 'TransportError';
  }
}

/** One request. @internal */
export interface HttpRequest {
  readonly method: 'GET' | 'HEAD';
  readonly url: URL;
  readonly headers: Record<string, string>;
  /** Time allowed for the whole exchange, connection to last byte. */
  readonly timeoutMs: number;
  /** Largest body read. */
  readonly maxBodyBytes: number;
}

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/i;

/**
 * Sends one request with Node's own HTTP stack; resolves with any HTTP status, rejects with a `TransportError`
 * when no response arrives in time or the connection or TLS handshake fails.
 * @internal
 */
export function httpRequest(req: HttpRequest): Promise<HttpResponse> {
  const lib = req.url.protocol === 'http:' ? http : https;
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (e: TransportError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      r.destroy();
      reject(e);
    };
    const r = lib.request(req.url, { method: req.method, headers: req.headers }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      res.on('data', (chunk: Buffer) => {
        if (truncated) return;
        size += chunk.length;
        if (size > req.maxBodyBytes) {
          truncated = true;
          res.destroy();
          finish();
          return;
        }
        chunks.push(chunk);
      });
      const finish = () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), truncated });
      };
      res.on('end', finish);
      res.on('error', (e) => fail(new TransportError('connection', `the connection broke while reading the response: ${e.message}`)));
    });
    const timer = setTimeout(() => fail(new TransportError('timeout', `no complete answer within ${req.timeoutMs} ms`)), req.timeoutMs);
    r.on('error', (e: NodeJS.ErrnoException) => {
      const code = e.code ?? '';
      fail(TLS_CODES.test(code) || TLS_CODES.test(e.message)
        ? new TransportError('tls', `TLS failed (${code || e.message})`)
        : new TransportError('connection', `connection failed (${code || e.message})`));
    });
    r.end();
  });
}
