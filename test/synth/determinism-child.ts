/**
 * Run by determinism.test.ts in a child process (so LANG, LC_ALL and TZ take effect from process start): synthesizes
 * the flow-pipe model and a model whose ids sort differently per locale, and prints the files as JSON on stdout.
 */
import { Project, Testing, typescript } from 'projen';
import { addFlowPipeModel } from './flow-pipe-model';
import { Containers, ImageSource } from '../../src';

function flowPipe(): Record<string, string> {
  const project = new Project({ name: 'flow-pipe' });
  new typescript.ProjenrcTs(project);
  addFlowPipeModel(project);
  return Testing.synth(project, { parseJson: false });
}

/** Ids whose order differs between ICU locales and code units ("_" vs "-", Estonian "z" before "t"). */
function collation(): Record<string, string> {
  const project = new Project({ name: 'collation' });
  const containers = new Containers(project, { registry: 'ghcr.io/acme', sourceUrl: 'https://github.com/acme/collation' });
  containers.addFamily('zlib').addImage('z', { from: ImageSource.registry('alpine:3.20', { buildArg: 'Z_BASE' }) });
  const tools = containers.addFamily('tools');
  tools.addImage('t', { from: ImageSource.registry('alpine:3.20', { buildArg: 'A_B' }) });
  tools.addImage('u', { from: ImageSource.registry('alpine:3.19', { buildArg: 'AB' }) });
  containers.addFamily('a_b').addImage('x', { from: ImageSource.scratch(), description: 'x' });
  containers.addFamily('a-c').addImage('y', { from: ImageSource.scratch(), description: 'y' });
  return Testing.synth(project, { parseJson: false });
}

process.stdout.write(JSON.stringify({
  locale: Intl.Collator().resolvedOptions().locale,
  timezoneOffset: new Date('2026-01-01T00:00:00Z').getTimezoneOffset(),
  flowPipe: flowPipe(),
  collation: collation(),
}));
