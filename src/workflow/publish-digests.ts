import { github } from 'projen';
import { digestOutputOf } from './image-digests';
import { shellWord } from '../make/shell-quote';
import type { PlannedImage } from '../plan/build-plan';

/** Step id of the step that turns the bake metadata into job outputs. */
const DIGESTS_STEP_ID = 'digests';

/** Where the publishing bake writes its metadata (one entry per target, with `containerimage.digest`). */
const METADATA_FILE = '"$RUNNER_TEMP/bake-metadata.json"';

/** What the publishing job adds so that later jobs act on its images by digest. @internal */
export interface PublishDigests {
  /** Extra `docker buildx bake` arguments. */
  readonly bakeArguments: readonly string[];
  /** The step after the bake that sets one output per image. */
  readonly step: github.workflows.JobStep;
  /** The job outputs, named by `digestOutputOf(image)`. */
  readonly outputs: Record<string, github.workflows.JobStepOutput>;
}

/**
 * The digests of the images a `docker buildx bake --push` published: bake writes `--metadata-file`, a step reads
 * each image's `containerimage.digest` (its manifest, or the index of a multi-platform image) with `jq`, checks that
 * it is a sha256 digest and writes it to `$GITHUB_OUTPUT` as `digestOutputOf(image)`.
 * @internal
 */
export function publishDigests(images: readonly PlannedImage[]): PublishDigests {
  const lines = images.flatMap((image) => {
    const output = digestOutputOf(image);
    return [
      `digest="$(jq -r --arg target ${shellWord(image.id)} '.[$target]["containerimage.digest"] // ""' ${METADATA_FILE})"`,
      `if [[ ! "$digest" =~ ^sha256:[0-9a-f]{64}$ ]]; then echo "::error::no pushed digest for ${image.id}"; exit 1; fi`,
      `echo "${output}=$digest" >> "$GITHUB_OUTPUT"`,
    ];
  });
  return {
    bakeArguments: ['--metadata-file', METADATA_FILE],
    step: { id: DIGESTS_STEP_ID, name: 'Record the pushed digests', run: lines.join('\n') },
    outputs: Object.fromEntries(images.map((image) => [digestOutputOf(image), { stepId: DIGESTS_STEP_ID, outputName: digestOutputOf(image) }])),
  };
}
