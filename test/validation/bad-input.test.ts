/**
 * Bad input: every case builds a small pipeline with one mistake and expects synthesis to fail with a
 * PipelineValidationError whose message names the mistake under the construct path it belongs to.
 *
 * The case tables live in cases/*.ts, one test file each (settings, families, images, instructions, untyped); this
 * file holds what is not a table row: a foreign stage, accepted input, all errors together, nothing written.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Project } from 'projen';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  CACHE_CASES, FAMILY_CASES, IMAGE_CASES, INSTRUCTION_CASES, MAKE_CASES, PRESET_CASES, SETTINGS_CASES, TAG_RULE_CASES, UNTYPED_CASES,
  SUPPLY_CASES, PLATFORM_CASES, WORKFLOW_CASES, OCI_CASES, DISPATCH_CASES,
} from './cases';
import { Containers, ImageSource } from '../../src';
import { PipelineValidationError } from '../../src/core/diagnostics';
import { disposeProject, newPipeline, PIPELINE_PATH as P, synthFiles, validationErrorOf, validationMessage } from '../synth/pipeline-fixture';

const SCRATCH = ImageSource.scratch();

describe('synthesis rejects bad input with a PipelineValidationError naming the construct path', () => {
  test('a stage of another pipeline is reported as unknown', () => {
    // GIVEN a stage built FROM an image of another project's pipeline
    const other = newPipeline();
    const foreign = other.containers.addFamily('x').addImage('y', { from: SCRATCH });
    const { project, containers } = newPipeline();
    containers.addFamily('app').addImage('runtime', { from: ImageSource.stage(foreign) });
    // WHEN/THEN
    const error = validationErrorOf(() => synthFiles(project));
    expect(error.message).toContain(`  [${P}/app/runtime] refers to stage "${P}/x/y", which is not part of this pipeline`);
    disposeProject(other.project);
  });

  test('there are at least 150 table cases across every public entry point', () => {
    const all = [
      ...SETTINGS_CASES, ...FAMILY_CASES, ...IMAGE_CASES, ...INSTRUCTION_CASES, ...UNTYPED_CASES, ...PRESET_CASES, ...MAKE_CASES, ...TAG_RULE_CASES,
      ...WORKFLOW_CASES, ...CACHE_CASES, ...SUPPLY_CASES, ...PLATFORM_CASES, ...OCI_CASES, ...DISPATCH_CASES,
    ];
    expect(all.length).toBeGreaterThanOrEqual(150);
    // every case has its own name, so a report line identifies one case
    expect(new Set(all.map((c) => c.name)).size).toBe(all.length);
  });
});

describe('accepted input', () => {
  test('PUBLIC_KEY is not secret-like, and unpinned bases are warnings only', () => {
    // GIVEN names the secret check allows and an unpinned base
    const { project, containers } = newPipeline();
    const runtime = containers.addFamily('app').addImage('runtime', { from: ImageSource.registry('ubuntu:24.04') });
    runtime.arg('PUBLIC_KEY');
    runtime.env({ KEY_FILE: '/run/secrets/key', TOKEN_VERSION: '2' });
    // WHEN/THEN synthesis succeeds
    expect(synthFiles(project)['docker/app/Dockerfile']).toContain('ARG PUBLIC_KEY\n');
  });
});

describe('all errors together, and nothing written', () => {
  test('two unrelated mistakes are reported in one error, in validation order', () => {
    const { project, containers } = newPipeline({ registry: 'ghcr.io/Acme' });
    containers.addFamily('app').addImage('runtime', { from: SCRATCH }).workdir('relative');
    expect(validationErrorOf(() => synthFiles(project)).message).toBe(validationMessage(
      `[${P}] registry "ghcr.io/Acme" is not a valid registry host and namespace, expected e.g. "ghcr.io/acme" (lowercase namespace)`,
      `[${P}/app/runtime/instruction.0] WORKDIR "relative" must be absolute`,
    ));
  });

  describe('in a real output directory', () => {
    let outdir: string;
    let disablePost: string | undefined;
    beforeEach(() => {
      outdir = mkdtempSync(join(tmpdir(), 'projen-containers-bad-input-'));
      disablePost = process.env.PROJEN_DISABLE_POST;
      process.env.PROJEN_DISABLE_POST = 'true';
    });
    afterEach(() => {
      rmSync(outdir, { recursive: true, force: true });
      if (disablePost === undefined) delete process.env.PROJEN_DISABLE_POST;
      else process.env.PROJEN_DISABLE_POST = disablePost;
    });

    /** A project writing into `outdir` whose pipeline has the runtime image configured by `configure`. */
    function projectIn(configure: (c: Containers) => void): Project {
      const project = new Project({ name: 'test', outdir });
      configure(new Containers(project, { registry: 'ghcr.io/acme' }));
      return project;
    }

    test('no file is written to an empty directory', () => {
      // GIVEN an invalid pipeline
      const project = projectIn((c) => c.addFamily('app').addImage('runtime', { from: SCRATCH }).user('root'));
      // WHEN synthesized for real
      expect(() => project.synth()).toThrow(PipelineValidationError);
      // THEN the directory is still empty: no Dockerfile, Makefile or anything else
      expect(readdirSync(outdir)).toStrictEqual([]);
    });

    test('previously generated files stay as they were', () => {
      // GIVEN a directory holding the output of a valid pipeline
      projectIn((c) => c.addFamily('app', { dockerfile: 'Dockerfile' }).addImage('runtime', { from: SCRATCH })).synth();
      const before = readdirSync(outdir, { recursive: true }).map(String).sort()
        .filter((f) => statSync(join(outdir, f)).isFile())
        .map((f) => [f, readFileSync(join(outdir, f), 'utf8'), statSync(join(outdir, f)).mtimeMs]);
      expect(before.map(([f]) => f)).toContain('Dockerfile');
      expect(before.map(([f]) => f)).toContain('Makefile');
      writeFileSync(join(outdir, 'unrelated.txt'), 'kept');
      // WHEN an invalid version of it is synthesized
      const project = projectIn((c) => c.addFamily('app', { dockerfile: 'Dockerfile' }).addImage('runtime', { from: SCRATCH }).expose(0));
      expect(() => project.synth()).toThrow(PipelineValidationError);
      // THEN no file changed, none was added or removed
      const after = readdirSync(outdir, { recursive: true }).map(String).sort()
        .filter((f) => f !== 'unrelated.txt' && statSync(join(outdir, f)).isFile())
        .map((f) => [f, readFileSync(join(outdir, f), 'utf8'), statSync(join(outdir, f)).mtimeMs]);
      expect(after).toStrictEqual(before);
      expect(readFileSync(join(outdir, 'unrelated.txt'), 'utf8')).toBe('kept');
    });
  });
});
