/**
 * Tiny HTTP servers on 127.0.0.1 for the resolver tests: a fake registry serving one manifest (optionally behind
 * Basic or Bearer auth), and servers that misbehave (never answer, answer garbage, rate-limit).
 */
import { createHash } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** A running server and how to stop it. */
export interface RunningServer {
  readonly host: string;
  readonly requests: string[];
  close(): Promise<void>;
}

/** Starts a server with `handler` on a free port of 127.0.0.1. */
export async function serve(handler: (req: IncomingMessage, res: ServerResponse, host: string) => void): Promise<RunningServer> {
  const requests: string[] = [];
  let host = '';
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    handler(req, res, host);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    host,
    requests,
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

/** An OCI index body and its digest. */
export function indexManifest(seed: string): { body: string; digest: string } {
  const body = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [], annotations: { seed } });
  return { body, digest: `sha256:${createHash('sha256').update(body).digest('hex')}` };
}

/** Serves `manifest` at any `/v2/<repo>/manifests/<tag>`; `digestHeader: false` omits Docker-Content-Digest. */
export function sendManifest(req: IncomingMessage, res: ServerResponse, manifest: { body: string; digest: string }, digestHeader = true): void {
  const headers: Record<string, string> = { 'Content-Type': 'application/vnd.oci.image.index.v1+json' };
  if (digestHeader) headers['Docker-Content-Digest'] = manifest.digest;
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : manifest.body);
}
