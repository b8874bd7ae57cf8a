import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/import/cli';

const PROJENRC = "import { Project } from 'projen';\n\nconst project = new Project({ name: 'x' });\n\nproject.synth();\n";

/** A project directory with a .projenrc.ts and a Dockerfile in `docker/web/`, with or without ts-morph installed. */
function project(withTsMorph: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'import-cli-'));
  writeFileSync(join(dir, 'package.json'), '{}');
  writeFileSync(join(dir, '.projenrc.ts'), PROJENRC);
  mkdirSync(join(dir, 'docker', 'web'), { recursive: true });
  writeFileSync(join(dir, 'docker', 'web', 'Dockerfile'), 'FROM debian:12\nVOLUME /data\nUSER 10001\n');
  if (withTsMorph) symlinkSync(join(__dirname, '..', '..', 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

describe('projen-containers-import', () => {
  it('edits .projenrc.ts and reports each raw line with file and line number', () => {
    const dir = project(true);
    const out: string[] = [];
    expect(main(['--registry', 'ghcr.io/acme', 'docker/web/Dockerfile'], (l) => out.push(l), dir)).toBe(0);
    const edited = readFileSync(join(dir, '.projenrc.ts'), 'utf8');
    expect(edited).toContain("const webFamily = containers.addFamily('web', { dockerfile: 'docker/web/Dockerfile' });");
    expect(edited).toContain("web.addRawLine('VOLUME /data');");
    expect(out).toEqual([
      'docker/web/Dockerfile:2: kept as a raw line: VOLUME has no typed equivalent',
      'imported 1 stage(s) of docker/web/Dockerfile into .projenrc.ts (images: web); run npx projen to generate the Dockerfile',
    ]);
  });

  it('says how to install ts-morph when the project does not have it, and leaves the file alone', () => {
    const dir = project(false);
    const out: string[] = [];
    expect(main(['docker/web/Dockerfile'], (l) => out.push(l), dir)).toBe(1);
    expect(out.join('\n')).toMatch(/ts-morph.*devDeps: \['ts-morph'\]/);
    expect(readFileSync(join(dir, '.projenrc.ts'), 'utf8')).toBe(PROJENRC);
  });

  it('fails with the reason, leaving the file alone, when the import is impossible', () => {
    const dir = project(true);
    const out: string[] = [];
    expect(main(['--image', 'nope', '--registry', 'r', 'docker/web/Dockerfile'], (l) => out.push(l), dir)).toBe(1);
    expect(out).toEqual(['docker/web/Dockerfile: --image nope: the Dockerfile has no stage of that name (stages: web)']);
    expect(readFileSync(join(dir, '.projenrc.ts'), 'utf8')).toBe(PROJENRC);
  });

  it('rejects bad arguments with the usage', () => {
    const out: string[] = [];
    expect(main(['--image'], (l) => out.push(l))).toBe(2);
    expect(out[0]).toMatch(/^--image needs a stage name\nusage: projen-containers-import/);
  });
});
