import { describe, expect, test } from 'vitest';
import { parseMirror, pinTargetOf } from '../../src/pin/pin-target';

describe('mirrors', () => {
  test.each<[string, [string, string] | string]>([
    ['docker.io=mirror.example.com:5000', ['docker.io', 'mirror.example.com:5000']],
    ['ghcr.io=127.0.0.1:5000', ['ghcr.io', '127.0.0.1:5000']],
    ['docker.io', '--mirror needs REGISTRY=MIRROR hosts, e.g. docker.io=mirror.example.com:5000, got "docker.io"'],
    ['docker.io=https://mirror', '--mirror needs REGISTRY=MIRROR hosts, e.g. docker.io=mirror.example.com:5000, got "docker.io=https://mirror"'],
    ['docker.io=a b', '--mirror needs REGISTRY=MIRROR hosts, e.g. docker.io=mirror.example.com:5000, got "docker.io=a b"'],
  ])('parseMirror(%j)', (value, expected) => {
    expect(parseMirror(value)).toStrictEqual(expected);
  });

  test('a Docker Hub reference resolves through the docker.io mirror with its library/ path; other registries are untouched', () => {
    const mirrors = new Map([['docker.io', '127.0.0.1:5000']]);
    expect(pinTargetOf('ubuntu:24.04', mirrors)).toMatchObject({ apiHost: '127.0.0.1:5000', configKey: '127.0.0.1:5000', repository: 'library/ubuntu', tag: '24.04', insecure: true });
    expect(pinTargetOf('ghcr.io/acme/app:1', mirrors)).toMatchObject({ apiHost: 'ghcr.io', repository: 'acme/app', insecure: false });
    expect(pinTargetOf('ubuntu:24.04')).toMatchObject({ apiHost: 'registry-1.docker.io', configKey: 'https://index.docker.io/v1/' });
  });
});
