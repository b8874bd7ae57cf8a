import { describe, expect, test } from 'vitest';
import type { FrontendFeature } from '../../src/dockerfile/ir';
import { DockerfileSyntax, FEATURES, minimumMinor } from '../../src/dockerfile/syntax';

describe('DockerfileSyntax.auto()', () => {
  test.each<[string, string | undefined, FrontendFeature[]]>([
    // the frontend built into Docker Engine 23+ (1.5) covers these: no directive, no pull
    ['no feature', undefined, []],
    ['RUN --mount', undefined, [FEATURES.mounts]],
    ['COPY --chmod', undefined, [FEATURES.chmod]],
    ['RUN --network', undefined, [FEATURES.network, FEATURES.mounts]],
    ['heredoc and COPY --link', undefined, [FEATURES.heredoc, FEATURES.link, FEATURES.mounts]],
    ['named build contexts', undefined, [FEATURES.namedContexts]],
    ['ADD --checksum', 'docker/dockerfile:1.6', [FEATURES.link, FEATURES.checksum]],
    ['HEALTHCHECK --start-interval', 'docker/dockerfile:1.6', [FEATURES.startInterval]],
    ['secret as env', 'docker/dockerfile:1.10', [FEATURES.mounts, FEATURES.secretEnv, FEATURES.heredoc]],
  ])('%s → %s', (_name, expected, features) => {
    expect(DockerfileSyntax.auto()._directive(features)).toBe(expected);
  });
});

describe('DockerfileSyntax.omit() and custom()', () => {
  test('omit writes no directive, whatever the features', () => {
    expect(DockerfileSyntax.omit()._directive([])).toBeUndefined();
    expect(DockerfileSyntax.omit()._directive([FEATURES.secretEnv])).toBeUndefined();
  });

  test('custom writes the given reference, whatever the features', () => {
    const syntax = DockerfileSyntax.custom('registry.internal/docker/dockerfile:1.7');
    expect(syntax._directive([])).toBe('registry.internal/docker/dockerfile:1.7');
    expect(syntax._directive([FEATURES.secretEnv])).toBe('registry.internal/docker/dockerfile:1.7');
  });
});

describe('minimumMinor', () => {
  test.each<[FrontendFeature[], number]>([
    [[], 0],
    [[FEATURES.mounts], 2],
    [[FEATURES.secretEnv, FEATURES.mounts], 10],
    [[FEATURES.heredoc, FEATURES.heredoc], 4],
  ])('%j → %d', (features, expected) => {
    expect(minimumMinor(features)).toBe(expected);
  });
});

test('FEATURES carries the minimum frontend versions from the Dockerfile reference', () => {
  expect(Object.fromEntries(Object.entries(FEATURES).map(([k, f]) => [k, `${f.feature} 1.${f.minor}`]))).toStrictEqual({
    mounts: 'RUN --mount 1.2',
    secretEnv: 'RUN --mount=type=secret,env= 1.10',
    network: 'RUN --network 1.3',
    heredoc: 'heredocs 1.4',
    link: 'COPY --link 1.4',
    namedContexts: 'named build contexts 1.4',
    chmod: 'COPY --chmod 1.2',
    checksum: 'ADD --checksum 1.6',
    startInterval: 'HEALTHCHECK --start-interval 1.6',
  });
});
