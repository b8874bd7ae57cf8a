import { describe, expect, test } from 'vitest';
import { isRegistry, isRepositoryPath, isTag, parseImageReference } from '../../src/reference/image-reference';

const HEX = 'a'.repeat(64);
const DIGEST = `sha256:${HEX}`;

describe('parseImageReference', () => {
  // GIVEN references the distribution/reference grammar accepts
  test.each([
    ['ubuntu:24.04', { name: 'ubuntu', domain: undefined, path: 'ubuntu', tag: '24.04', digest: undefined }],
    ['ubuntu', { name: 'ubuntu', domain: undefined, path: 'ubuntu', tag: undefined, digest: undefined }],
    ['ghcr.io/acme/app:v1.2.3', { name: 'ghcr.io/acme/app', domain: 'ghcr.io', path: 'acme/app', tag: 'v1.2.3', digest: undefined }],
    [`localhost:5000/a/b@${DIGEST}`, { name: 'localhost:5000/a/b', domain: 'localhost:5000', path: 'a/b', tag: undefined, digest: DIGEST }],
    ['a__b/c', { name: 'a__b/c', domain: undefined, path: 'a__b/c', tag: undefined, digest: undefined }],
    ['a--b', { name: 'a--b', domain: undefined, path: 'a--b', tag: undefined, digest: undefined }],
    ['[::1]:5000/x', { name: '[::1]:5000/x', domain: '[::1]:5000', path: 'x', tag: undefined, digest: undefined }],
    [`ubuntu:24.04@${DIGEST}`, { name: 'ubuntu', domain: undefined, path: 'ubuntu', tag: '24.04', digest: DIGEST }],
    ['library/ubuntu:24.04', { name: 'library/ubuntu', domain: undefined, path: 'library/ubuntu', tag: '24.04', digest: undefined }],
    ['localhost/app', { name: 'localhost/app', domain: 'localhost', path: 'app', tag: undefined, digest: undefined }],
    [`ubuntu:${'t'.repeat(128)}`, { name: 'ubuntu', domain: undefined, path: 'ubuntu', tag: 't'.repeat(128), digest: undefined }],
    [`app@sha512:${'b'.repeat(128)}`, { name: 'app', domain: undefined, path: 'app', tag: undefined, digest: `sha512:${'b'.repeat(128)}` }],
  ])('accepts %s', (ref, expected) => {
    // WHEN parsed THEN every part is split out exactly
    expect(parseImageReference(ref)).toStrictEqual(expected);
  });

  // GIVEN references the grammar rejects
  test.each([
    ['ghcr.io/Acme/app:v1', 'invalid image reference "ghcr.io/Acme/app:v1": repository name must be lowercase'],
    [`ubuntu:${'t'.repeat(129)}`, `invalid image reference "ubuntu:${'t'.repeat(129)}": expected [host[:port]/]path[:tag][@sha256:<64 hex>]`],
    ['ubuntu:.bad', 'invalid image reference "ubuntu:.bad": expected [host[:port]/]path[:tag][@sha256:<64 hex>]'],
    [':.bad', 'invalid image reference ":.bad": expected [host[:port]/]path[:tag][@sha256:<64 hex>]'],
    ['a___b', 'invalid image reference "a___b": expected [host[:port]/]path[:tag][@sha256:<64 hex>]'],
    ['-a', 'invalid image reference "-a": expected [host[:port]/]path[:tag][@sha256:<64 hex>]'],
    ['a/b:tag;rm -rf /', 'invalid image reference "a/b:tag;rm -rf /": expected [host[:port]/]path[:tag][@sha256:<64 hex>]'],
    ['', 'image reference is empty'],
    ['ubuntu@sha256:abc', 'invalid image reference "ubuntu@sha256:abc": expected [host[:port]/]path[:tag][@sha256:<64 hex>]'],
    [`ubuntu@sha256:${'A'.repeat(64)}`, `invalid image reference "ubuntu@sha256:${'A'.repeat(64)}": a sha256 digest must be 64 lowercase hex characters`],
    [`ubuntu@sha256:${'a'.repeat(40)}`, `invalid image reference "ubuntu@sha256:${'a'.repeat(40)}": a sha256 digest must be 64 lowercase hex characters`],
    [HEX, `invalid image reference "${HEX}": a repository name cannot be a 64-character hex string`],
    [`x/${'a'.repeat(254)}`, `invalid image reference "x/${'a'.repeat(254)}": name is longer than 255 characters`],
    ['ubuntu:24.04\nRUN id', 'invalid image reference "ubuntu:24.04\nRUN id": expected [host[:port]/]path[:tag][@sha256:<64 hex>]'],
    ['https://ghcr.io/acme/app', 'invalid image reference "https://ghcr.io/acme/app": expected [host[:port]/]path[:tag][@sha256:<64 hex>]'],
  ])('rejects %j', (ref, message) => {
    // WHEN parsed THEN the message says what is wrong
    expect(parseImageReference(ref)).toBe(message);
  });
});

describe('isRegistry', () => {
  test.each([
    ['ghcr.io', true],
    ['ghcr.io/acme', true],
    ['ghcr.io/acme/team', true],
    ['localhost:5000', true],
    ['[::1]:5000/acme', true],
    ['registry.example.com:443/a.b/c_d', true],
    ['ghcr.io/Acme', false],
    ['https://ghcr.io', false],
    ['ghcr.io/acme/', false],
    ['ghcr.io/${{ github.repository_owner }}', false],
    ['', false],
    [`ghcr.io/${'a'.repeat(248)}`, false],
  ])('%j → %s', (registry, expected) => {
    expect(isRegistry(registry)).toBe(expected);
  });
});

describe('isRepositoryPath', () => {
  test.each([
    ['flow-pipe-runtime', true],
    ['acme/app', true],
    ['a__b/c.d', true],
    ['ghcr.io/acme/app', true],
    ['Acme/app', false],
    ['app:v1', false],
    ['/app', false],
    ['a___b', false],
    ['a'.repeat(256), false],
  ])('%j → %s', (path, expected) => {
    expect(isRepositoryPath(path)).toBe(expected);
  });
});

describe('isTag', () => {
  test.each([
    ['v1.2.3', true],
    ['0.1.0-ubuntu24.04', true],
    ['_x', true],
    ['t'.repeat(128), true],
    ['t'.repeat(129), false],
    ['.bad', false],
    ['-bad', false],
    ['a/b', false],
    ['a b', false],
    ['', false],
  ])('%j → %s', (tag, expected) => {
    expect(isTag(tag)).toBe(expected);
  });
});
