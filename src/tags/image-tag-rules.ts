import type { PlannedTagRules } from './planned-tag-rules';
import { readTagPolicy } from './read-tag-policy';
import { Diagnostics } from '../core/diagnostics';
import { variablePrefix } from '../core/names';
import type { Image } from '../image/image';
import { tagsVariableOf, tagVariableOf } from '../plan/variables';

/** An image's own tag rules with its tag variables. @internal */
export interface ImageTagRules {
  /** `<IMAGE ID>_TAG`: the main tag (the first), also the OCI version label. */
  readonly tagVariable: string;
  /** `<IMAGE ID>_TAGS`: every tag, space-separated. */
  readonly tagsVariable: string;
  readonly tagRules: PlannedTagRules;
}

/**
 * The names of an image's tag variables: `<IMAGE ID>_TAG` and `<IMAGE ID>_TAGS`, e.g. `APP_WEB_TAG(S)` for image
 * `web` of family `app` (validate-names.ts reports a clash with any other variable, naming both constructs).
 * @internal
 */
export function imageTagVariables(imageId: string): { tagVariable: string; tagsVariable: string } {
  const prefix = variablePrefix(imageId);
  return { tagVariable: tagVariableOf(prefix), tagsVariable: tagsVariableOf(prefix) };
}

/**
 * An image's own tag rules (`ImageProps.tags`), planned, or `undefined` when it has none (it follows its family).
 * Validation has reported every problem: the scratch `Diagnostics` only satisfies the reader.
 * @internal
 */
export function imageTagRules(image: Image, imageId: string): ImageTagRules | undefined {
  if (image._props.tags === undefined) return undefined;
  const tagRules = readTagPolicy(new Diagnostics(), image.node.path, image._props.tags, image._props.tagFlavor);
  return tagRules === undefined ? undefined : { ...imageTagVariables(imageId), tagRules };
}

/**
 * Checks an image's `tags` and `tagFlavor` (the same checks as a family's); `tagFlavor` alone is an error.
 * @internal
 */
export function validateImageTagRules(d: Diagnostics, image: Image): void {
  const path = image.node.path;
  const props = image._props;
  if (props.tags !== undefined) readTagPolicy(d, path, props.tags, props.tagFlavor);
  else if (props.tagFlavor !== undefined) d.error(path, 'tagFlavor only applies to tags (TagRule list); add tags or remove tagFlavor');
}
