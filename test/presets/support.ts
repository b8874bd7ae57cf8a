/** Helpers of the preset tests: a pipeline with family `app`, and one stage of its synthesized Dockerfile. */
import { DockerfileSyntax, ImageFamily } from '../../src';
import { newPipeline, synthFiles } from '../synth/pipeline-fixture';

/** Synthesizes family `app` (one Dockerfile, no `# syntax=`) after `configure`; returns the Dockerfile. */
export function dockerfileOf(configure: (family: ImageFamily) => void): string {
  const { project, containers } = newPipeline({ dockerfileSyntax: DockerfileSyntax.omit() });
  configure(containers.addFamily('app'));
  return synthFiles(project)['docker/app/Dockerfile'];
}

/** The lines of the stage `AS <name>` (from its FROM to the line before the next blank line). */
export function stageLines(dockerfile: string, name: string): string[] {
  const lines = dockerfile.split('\n');
  const start = lines.findIndex((l) => l.startsWith('FROM ') && l.endsWith(` AS ${name}`));
  if (start < 0) throw new Error(`no stage ${name} in:\n${dockerfile}`);
  const end = lines.indexOf('', start);
  return lines.slice(start, end < 0 ? undefined : end);
}
