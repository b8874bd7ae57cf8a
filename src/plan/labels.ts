import type { PlannedAnnotation, PlannedLabel } from './build-plan';
import { compareStrings } from '../core/graph';

/** OCI image annotation keys used as labels. @see https://github.com/opencontainers/image-spec/blob/main/annotations.md @internal */
export const OCI_LABELS = {
  title: 'org.opencontainers.image.title',
  description: 'org.opencontainers.image.description',
  source: 'org.opencontainers.image.source',
  revision: 'org.opencontainers.image.revision',
  created: 'org.opencontainers.image.created',
  version: 'org.opencontainers.image.version',
  licenses: 'org.opencontainers.image.licenses',
} as const;

/** What decides an image's labels. @internal */
export interface LabelFacts {
  /** Repository path (the title). */
  readonly repository: string;
  readonly description?: string;
  readonly sourceUrl?: string;
  /** SPDX license expression (the nearest of image, family, pipeline). */
  readonly licenses?: string;
  /** Variable holding the image's tag (the version). */
  readonly tagVariable: string;
  /** Variables holding the full commit and its time. */
  readonly revisionVariable: string;
  readonly createdVariable: string;
}

/**
 * The one decision of which labels an image carries, sorted by key. Every output that sets labels reads this list.
 * @internal
 */
export function imageLabels(facts: LabelFacts): PlannedLabel[] {
  const labels: PlannedLabel[] = [
    { key: OCI_LABELS.title, value: { kind: 'literal', text: facts.repository } },
    { key: OCI_LABELS.revision, value: { kind: 'variable', name: facts.revisionVariable } },
    { key: OCI_LABELS.created, value: { kind: 'variable', name: facts.createdVariable } },
    { key: OCI_LABELS.version, value: { kind: 'variable', name: facts.tagVariable } },
  ];
  if (facts.description !== undefined) labels.push({ key: OCI_LABELS.description, value: { kind: 'literal', text: facts.description } });
  if (facts.sourceUrl !== undefined) labels.push({ key: OCI_LABELS.source, value: { kind: 'literal', text: facts.sourceUrl } });
  if (facts.licenses !== undefined) labels.push({ key: OCI_LABELS.licenses, value: { kind: 'literal', text: facts.licenses } });
  return labels.sort((a, b) => compareStrings(a.key, b.key));
}

/**
 * The one decision of an image's OCI annotations: the same keys and values as its labels (so the registry shows
 * them without pulling the config), on every platform manifest (`manifest:`), and also on the image index (`index:`)
 * when the image plans more than one platform (a single-platform build may have no index to annotate).
 * The Makefile passes them as `--annotation`, the bake file as `annotations` (CI bakes).
 * @internal
 */
export function imageAnnotations(labels: readonly PlannedLabel[], platforms: number): PlannedAnnotation[] {
  const levels: ReadonlyArray<PlannedAnnotation['level']> = platforms > 1 ? ['index', 'manifest'] : ['manifest'];
  return levels.flatMap((level) => labels.map((label) => ({ level, key: label.key, value: label.value })));
}

/** The literal labels: what a Dockerfile can carry by itself. @internal */
export function literalLabels(labels: readonly PlannedLabel[]): Array<readonly [string, string]> {
  return labels.flatMap((l) => (l.value.kind === 'literal' ? [[l.key, l.value.text] as const] : []));
}
