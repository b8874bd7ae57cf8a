import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseChallenge } from '../../src/pin/challenge';
import { dockerConfigCredentials } from '../../src/pin/credentials';
import { parseLock, readLockFile, renderLock, writeFileAtomic } from '../../src/pin/lockfile';
import { pinnedReference, pinTargetOf } from '../../src/pin/pin-target';

const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;
const INDEX = 'application/vnd.oci.image.index.v1+json';

describe('lockfile', () => {
  test('renders sorted, with a version and a trailing newline, whatever the insertion order', () => {
    const text = renderLock({ images: new Map([['z/img:1', { digest: D2, mediaType: INDEX }], ['a/img:1', { digest: D1, mediaType: INDEX }]]), urls: new Map() });
    expect(text).toBe(`{
  "lockfileVersion": 1,
  "images": {
    "a/img:1": {
      "digest": "${D1}",
      "mediaType": "${INDEX}"
    },
    "z/img:1": {
      "digest": "${D2}",
      "mediaType": "${INDEX}"
    }
  }
}
`);
    const back = parseLock(text);
    expect('images' in back && [...back.images.keys()]).toStrictEqual(['a/img:1', 'z/img:1']);
  });

  test.each([
    ['not JSON', '{', 'is not JSON'],
    ['an array', '[]', 'must be a JSON object'],
    ['another version', JSON.stringify({ lockfileVersion: 2, images: {} }), 'has lockfileVersion 2'],
    ['no images', JSON.stringify({ lockfileVersion: 1 }), 'must have an "images" object'],
    ['a short digest', JSON.stringify({ lockfileVersion: 1, images: { 'a:1': { digest: 'sha256:12', mediaType: INDEX } } }), 'entry "a:1" needs a "digest"'],
    ['an uppercase digest', JSON.stringify({ lockfileVersion: 1, images: { 'a:1': { digest: D1.toUpperCase(), mediaType: INDEX } } }), 'entry "a:1" needs a "digest"'],
    ['urls not an object', JSON.stringify({ lockfileVersion: 1, images: {}, urls: [] }), 'has a "urls" entry that is not an object'],
    ['a url without a sha256 checksum', JSON.stringify({ lockfileVersion: 1, images: {}, urls: { 'https://x/y': { checksum: 'md5:1' } } }), 'url "https://x/y" needs a "checksum"'],
  ])('a lock that is %s is refused', (_name, text, message) => {
    const r = parseLock(text);
    expect('problems' in r && r.problems.join('\n')).toContain(message);
  });

  test('URL checksums render sorted after the images, and read back', () => {
    const urls = new Map([['https://z/b', { checksum: D2 }], ['https://a/b', { checksum: D1 }]]);
    const text = renderLock({ images: new Map(), urls });
    expect(text).toBe(`{\n  "lockfileVersion": 1,\n  "images": {},\n  "urls": {\n    "https://a/b": {\n      "checksum": "${D1}"\n    },\n    "https://z/b": {\n      "checksum": "${D2}"\n    }\n  }\n}\n`);
    const back = parseLock(text);
    expect('urls' in back && [...back.urls.entries()]).toStrictEqual([['https://a/b', { checksum: D1 }], ['https://z/b', { checksum: D2 }]]);
  });

  test('a missing lockfile reads as the empty lock', () => {
    const r = readLockFile(join(mkdtempSync(join(tmpdir(), 'pin-')), 'none.json'));
    expect('images' in r && r.images.size).toBe(0);
  });

  test('atomic write replaces the file and leaves no temporary file behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pin-'));
    const file = join(dir, 'containers.lock.json');
    writeFileSync(file, 'old');
    writeFileAtomic(file, 'new\n');
    expect(readFileSync(file, 'utf8')).toBe('new\n');
    expect(readdirSync(dir)).toStrictEqual(['containers.lock.json']);
  });
});

describe('references', () => {
  test('Docker Hub names go to registry-1.docker.io with library/ and the index.docker.io config key', () => {
    expect(pinTargetOf('ubuntu:24.04')).toStrictEqual({
      reference: 'ubuntu:24.04', apiHost: 'registry-1.docker.io', configKey: 'https://index.docker.io/v1/', repository: 'library/ubuntu', tag: '24.04', insecure: false,
    });
    expect(pinTargetOf('docker.io/acme/app')).toMatchObject({ apiHost: 'registry-1.docker.io', repository: 'acme/app', tag: 'latest' });
  });

  test('loopback registries are plain HTTP, others HTTPS', () => {
    expect(pinTargetOf('127.0.0.1:5000/a/b:1')).toMatchObject({ insecure: true, apiHost: '127.0.0.1:5000' });
    expect(pinTargetOf('localhost:5000/a:1')).toMatchObject({ insecure: true });
    expect(pinTargetOf('ghcr.io/a/b:1')).toMatchObject({ insecure: false, configKey: 'ghcr.io' });
    expect(pinTargetOf('127.0.0.1.example.com/a:1')).toMatchObject({ insecure: false });
  });

  test('the pinned reference keeps the tag (Renovate and Dependabot update name:tag@digest)', () => {
    expect(pinnedReference('ghcr.io/a/b:1.2', D1)).toBe(`ghcr.io/a/b:1.2@${D1}`);
    expect(pinnedReference(`ghcr.io/a/b:1.2@${D2}`, D1)).toBe(`ghcr.io/a/b:1.2@${D2}`);
  });
});

describe('WWW-Authenticate', () => {
  test('Bearer with quoted parameters, commas inside quotes', () => {
    expect(parseChallenge('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:a/b:pull,push"')).toStrictEqual({
      scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:a/b:pull,push' },
    });
    expect(parseChallenge('Basic realm="Registry Realm"')).toStrictEqual({ scheme: 'basic', params: { realm: 'Registry Realm' } });
    expect(parseChallenge(undefined)).toBeUndefined();
  });
});

describe('Docker config credentials', () => {
  const configIn = (config: unknown): string => {
    const dir = mkdtempSync(join(tmpdir(), 'pin-docker-'));
    writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
    return join(dir, 'config.json');
  };

  test('auths base64, matched by host whatever the key spelling', () => {
    const auth = Buffer.from('ci:pa:ss').toString('base64');
    const creds = dockerConfigCredentials(configIn({ auths: { 'https://ghcr.io': { auth }, 'https://index.docker.io/v1/': { auth } } }));
    expect(creds('ghcr.io')).toStrictEqual({ username: 'ci', password: 'pa:ss' });
    expect(creds('https://index.docker.io/v1/')).toStrictEqual({ username: 'ci', password: 'pa:ss' });
    expect(creds('quay.io')).toBeUndefined();
  });

  test('a credential helper is run as docker-credential-<name> get, with the registry on stdin', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pin-helper-'));
    const helper = join(dir, 'docker-credential-pintest');
    writeFileSync(helper, '#!/bin/sh\nread host\n[ "$1" = get ] && printf \'{"Username":"u-%s","Secret":"s"}\' "$host"\n', { mode: 0o755 });
    const path = process.env.PATH;
    process.env.PATH = `${dir}:${path}`;
    try {
      const creds = dockerConfigCredentials(configIn({ credHelpers: { 'registry.example.com': 'pintest' } }));
      expect(creds('registry.example.com')).toStrictEqual({ username: 'u-registry.example.com', password: 's' });
      expect(creds('other.example.com')).toBeUndefined();
    } finally {
      process.env.PATH = path;
    }
  });

  test('a missing helper, a missing or broken file: no credentials, no throw', () => {
    expect(dockerConfigCredentials(configIn({ credsStore: 'not-installed-anywhere' }))('ghcr.io')).toBeUndefined();
    expect(dockerConfigCredentials('/nonexistent/config.json')('ghcr.io')).toBeUndefined();
    expect(dockerConfigCredentials(configIn('x'))('ghcr.io')).toBeUndefined();
  });
});
