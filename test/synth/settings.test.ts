import { describe, expect, test } from 'vitest';
import { Diagnostics } from '../../src/core/diagnostics';
import { DockerfileSyntax } from '../../src/dockerfile/syntax';
import { resolveSettings } from '../../src/synth/settings';

const P = 'root/Containers';

function resolve(props: unknown) {
  const d = new Diagnostics();
  const settings = resolveSettings(props, P, d);
  return { settings, errors: d.errors.map((e) => `[${e.path}] ${e.message}`) };
}

describe('resolveSettings', () => {
  test('every default is resolved once', () => {
    // GIVEN only a registry
    const { settings, errors } = resolve({ registry: 'ghcr.io/acme' });
    // THEN
    expect(errors).toStrictEqual([]);
    expect(settings.outputs).toStrictEqual({
      makefile: 'Makefile', bakeFile: 'docker-bake.json', docs: 'CONTAINERS.md', workflows: ['.github/workflows/containers.yml'],
    });
    expect(settings.defaultUser).toBe('10001:10001');
    expect(settings.platforms).toStrictEqual([]);
    expect(settings.dockerfileSyntax._directive([])).toBe(DockerfileSyntax.auto()._directive([]));
    expect(settings.workflow.defaultBranch).toBe('main');
    expect(settings.workflow.declarations).toHaveLength(1);
    expect(settings.workflow.declarations[0]).toMatchObject({
      name: 'containers', runsOn: 'ubuntu-24.04', timeoutMinutes: 60, registry: { kind: 'literal', registry: 'ghcr.io/acme' },
    });
    expect(settings.workflow.declarations[0].usernameSecret).toBeUndefined();
  });

  test('registries other than ghcr.io get secret names; a disabled workflow has no file', () => {
    const enabled = resolve({ registry: 'registry.example.com/team' }).settings;
    expect(enabled.workflow.declarations[0]).toMatchObject({ usernameSecret: 'REGISTRY_USERNAME', passwordSecret: 'REGISTRY_PASSWORD' });
    const { settings } = resolve({ registry: 'registry.example.com/team', workflow: { enabled: false } });
    expect(settings.workflow.declarations).toStrictEqual([]);
    expect(settings.outputs.workflows).toStrictEqual([]);
  });

  test('output paths are normalised', () => {
    const { settings, errors } = resolve({ registry: 'ghcr.io/acme', makefile: './ci//containers.mk', docs: 'docs/CONTAINERS.md/' });
    expect(errors).toStrictEqual([]);
    expect(settings.outputs.makefile).toBe('ci/containers.mk');
    expect(settings.outputs.docs).toBe('docs/CONTAINERS.md');
  });

  test.each<[string, unknown, string]>([
    ['missing registry', {}, `[${P}] registry must be a string, got nothing (undefined)`],
    ['registry of the wrong type', { registry: 42 }, `[${P}] registry must be a string, got number 42`],
    ['props that are not an object', 'ghcr.io/acme', `[${P}] props must be an object, got "ghcr.io/acme"`],
    ['platforms not an array', { registry: 'ghcr.io/a', platforms: 'linux/amd64' }, `[${P}] platforms must be an array of strings, got "linux/amd64"`],
    ['a platform of the wrong type', { registry: 'ghcr.io/a', platforms: [1] }, `[${P}] platforms[0] must be a string, got number 1`],
    ['a tag that is not a FamilyTag', { registry: 'ghcr.io/a', tag: 'latest' }, `[${P}] tag must be a FamilyTag, got "latest"`],
    ['timeout NaN', { registry: 'ghcr.io/a', workflow: { timeoutMinutes: NaN } }, `[${P}] workflow.timeoutMinutes must be an integer from 1 to 360, got NaN`],
    ['timeout 0', { registry: 'ghcr.io/a', workflow: { timeoutMinutes: 0 } }, `[${P}] workflow.timeoutMinutes must be an integer from 1 to 360, got number 0`],
    ['makefile outside the project', { registry: 'ghcr.io/a', makefile: '../Makefile' }, `[${P}] makefile "../Makefile" must stay inside the project (no ".." segments)`],
    ['absolute bake file', { registry: 'ghcr.io/a', bakeFile: '/etc/bake.json' }, `[${P}] bakeFile "/etc/bake.json" must be relative to the project root, not absolute`],
    ['empty docs path', { registry: 'ghcr.io/a', docs: '' }, `[${P}] docs "" must not be empty`],
    ['docs path of the project root', { registry: 'ghcr.io/a', docs: './' }, `[${P}] docs "./" must name a file, not the project root`],
    ['a path segment that reads as a flag', { registry: 'ghcr.io/a', makefile: 'ci/-f' }, `[${P}] makefile "ci/-f" may only hold letters, digits and "._@+-/", and no segment may start with "-"`],
    ['two outputs on one file', { registry: 'ghcr.io/a', makefile: 'x', bakeFile: './x' }, `[${P}] bakeFile and makefile both name the file "x"; give each output its own path`],
    ['workflow name with a path', { registry: 'ghcr.io/a', workflow: { name: '../evil' } },
      `[${P}] workflow.name "../evil" must be 1-100 letters, digits, ".", "_" or "-", starting with a letter or digit (it is also the file name)`],
  ])('%s', (_, props, message) => {
    expect(resolve(props).errors).toContain(message);
  });
});
