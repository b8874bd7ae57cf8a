/** Option-reach rows of an image's own tag rules (`ImageProps.tags`, `ImageProps.tagFlavor`). */
import { expect } from 'vitest';
import { bake, has } from './option-table';
import type { ReachRow } from './option-table';
import { TagRule } from '../../src';

export const IMAGE_TAG_ROWS: ReachRow[] = [
  {
    option: 'ImageProps.tags',
    variant: { image: { tags: [TagRule.branch()] } },
    effects: {
      makefile: has('APP_RUNTIME_TAGS ?= $(or $(TAG),', '$(tag_image__app_runtime_list),dev)', 'APP_RUNTIME_TAG ?= $(firstword $(APP_RUNTIME_TAGS))', ':$(APP_RUNTIME_TAG)'),
      bake: bake((t, file) => {
        expect(t.tags).toBe('${formatlist("%s/app-runtime:%s", REGISTRY, compact(split(" ", APP_RUNTIME_TAGS)))}');
        expect(t.labels['org.opencontainers.image.version']).toBe('${APP_RUNTIME_TAG}');
        expect(file.variable.APP_RUNTIME_TAGS).toStrictEqual({ default: 'dev' });
      }),
      workflow: has('APP_RUNTIME_TAGS: ${{ needs.tag.outputs.APP_RUNTIME_TAGS }}'),
      docs: has('Image `app-runtime` has tag rules of its own', '`APP_RUNTIME_TAGS`', '`type=ref,event=branch`'),
    },
  },
  {
    option: 'ImageProps.tagFlavor',
    base: { image: { tags: [TagRule.branch()] } },
    variant: { image: { tags: [TagRule.branch()], tagFlavor: { fallback: 'unbranched' } } },
    effects: {
      makefile: has('$(tag_image__app_runtime_list),unbranched)'),
      bake: bake((_t, file) => expect(file.variable.APP_RUNTIME_TAGS).toStrictEqual({ default: 'unbranched' })),
      docs: has('`unbranched`'),
    },
  },
];
