/**
 * The sign targets under real GNU make with stubs for docker (answers `imagetools inspect` with `$STUB_DIGEST`) and
 * cosign (prints its arguments): the digest resolved for the image's reference is signed as `<name>@<digest>`, the
 * tag (or a digest) stripped even behind a registry port; `COSIGN_KEY` adds `--key`, `COSIGN_ARGS` is split at blanks
 * without globbing or evaluation; no pushed digest fails before cosign runs.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { make, removeWorkspaces, workspace } from './make-harness';
import { Containers, ContainersProps, ImageSource, Signing } from '../../src';
import type { BuildPlan } from '../../src/plan/build-plan';
import { newPipeline, synthFiles } from '../synth/pipeline-fixture';

afterAll(removeWorkspaces);

const DIGEST = `sha256:${'ab'.repeat(32)}`;

function planOf(props: Partial<ContainersProps>): BuildPlan {
  const { project, containers } = newPipeline({ sourceUrl: 'https://github.com/acme/app', ...props });
  const family = containers.addFamily('app');
  family.addImage('runtime', { from: ImageSource.registry('ubuntu:24.04') });
  family.addImage('debug', { from: ImageSource.registry('ubuntu:24.04') });
  synthFiles(project);
  return (containers as Containers)._plan;
}

function stubs(dir: string): Record<string, string> {
  writeFileSync(join(dir, 'docker-inspect'), [
    '#!/usr/bin/env bash',
    'printf "docker %s\\n" "$*" >&2',
    '[ "$1 $2 $3" = "buildx imagetools inspect" ] || exit 9',
    'printf "%s" "${STUB_DIGEST:-}"',
  ].join('\n'));
  writeFileSync(join(dir, 'cosign-stub'), '#!/usr/bin/env bash\nprintf "cosign"; printf " <%s>" "$@"; printf "\\n"\n');
  chmodSync(join(dir, 'docker-inspect'), 0o755);
  chmodSync(join(dir, 'cosign-stub'), 0o755);
  return { DOCKER: join(dir, 'docker-inspect'), COSIGN: join(dir, 'cosign-stub') };
}

describe('make sign-<image>', () => {
  const dir = workspace(planOf({ signing: Signing.keyless(), registry: '127.0.0.1:5000/acme' }));
  const tools = stubs(dir);

  test('signs the digest the reference resolves to, keyless without COSIGN_KEY', () => {
    const r = make(dir, ['-s', 'sign-app-runtime', 'TAG=v1'], { ...tools, STUB_DIGEST: DIGEST });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('docker buildx imagetools inspect 127.0.0.1:5000/acme/app-runtime:v1 --format');
    expect(r.stdout).toBe(`cosign <sign> <--yes> <127.0.0.1:5000/acme/app-runtime@${DIGEST}>\n`);
  });

  test('COSIGN_KEY and COSIGN_ARGS reach cosign as words, literally', () => {
    const r = make(dir, ['-s', 'sign-app-runtime', 'COSIGN_KEY=my key.pem', 'COSIGN_ARGS=--allow-http-registry --tlog-upload=false * $(id) $$HOME'], {
      ...tools, STUB_DIGEST: DIGEST,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(`cosign <sign> <--yes> <--key> <my key.pem> <--allow-http-registry> <--tlog-upload=false> <*> <$(id)> <$$HOME> <127.0.0.1:5000/acme/app-runtime@${DIGEST}>\n`);
  });

  test('an overridden reference without a tag, or pinned by digest, keeps its registry port and repository', () => {
    for (const ref of ['127.0.0.1:5000/other/app', `127.0.0.1:5000/other/app@sha256:${'c'.repeat(64)}`, '127.0.0.1:5000/other/app:x']) {
      const r = make(dir, ['-s', 'sign-app-runtime', `APP_RUNTIME_IMAGE=${ref}`], { ...tools, STUB_DIGEST: DIGEST });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toBe(`cosign <sign> <--yes> <127.0.0.1:5000/other/app@${DIGEST}>\n`);
    }
  });

  test('no pushed digest: fails naming the reference, cosign never runs', () => {
    for (const answer of ['', 'sha256:short', `${DIGEST}\n--key evil`]) {
      const r = make(dir, ['-s', 'sign-app-runtime', 'TAG=v1'], { ...tools, STUB_DIGEST: answer });
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('no pushed digest for 127.0.0.1:5000/acme/app-runtime:v1');
      expect(r.stdout).toBe('');
    }
  });

  test('make sign signs every image', () => {
    const r = make(dir, ['-s', 'sign'], { ...tools, STUB_DIGEST: DIGEST });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l !== '')).toStrictEqual([
      `cosign <sign> <--yes> <127.0.0.1:5000/acme/app-debug@${DIGEST}>`,
      `cosign <sign> <--yes> <127.0.0.1:5000/acme/app-runtime@${DIGEST}>`,
    ]);
  });

  test('without signing there are no sign targets', () => {
    const plain = workspace(planOf({}));
    expect(make(plain, ['-s', 'sign']).stderr).toContain("No rule to make target 'sign'");
  });
});
