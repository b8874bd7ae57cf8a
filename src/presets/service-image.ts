import { presetProblem } from './preset-input';
import { ServicePresetProps } from './service-props';
import type { ImageFamily } from '../family/image-family';
import type { Image } from '../image/image';
import { ImageSource } from '../image/image-source';
import type { Stage } from '../stage/stage';

/** A service image and its cross-compiling build stage, before the language-specific steps. @internal */
export interface ServiceParts {
  readonly image: Image;
  readonly build: Stage;
  readonly binary: string;
  /** The source folder, normalised (`.` for the context root). */
  readonly source: string;
}

const BINARY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Adds the image and its `<id>-build` stage (`FROM --platform=$BUILDPLATFORM <builder>`, `WORKDIR /src`). @internal */
export function serviceParts(family: ImageFamily, id: string, props: Partial<ServicePresetProps>, given: unknown): ServiceParts {
  const image = family.addImage(id, {
    from: props.base ?? ImageSource.scratch(),
    user: props.user,
    maxSizeMb: props.maxSizeMb,
    make: props.make,
    repository: props.repository,
    description: props.description,
  });
  const build = image.addStage(`${image.node.id}-build`, { from: props.builder as ImageSource, platform: '$BUILDPLATFORM' });
  if (typeof given !== 'object' || given === null) presetProblem(image, 'service preset props must be an object with at least source and builder');
  const binary = props.binary ?? image.node.id;
  if (typeof binary !== 'string' || !BINARY.test(binary)) {
    presetProblem(image, `binary ${JSON.stringify(String(binary))} must be 1-128 letters, digits, ".", "_" or "-", starting with a letter or digit`);
  }
  booleanOption(image, 'certificates', props.certificates);
  build.workdir('/src');
  return { image, build, binary: typeof binary === 'string' && BINARY.test(binary) ? binary : 'invalid', source: sourceFolder(image, props.source) };
}

/** Reports an option that is set but not a boolean (a JavaScript caller's `'no'` would otherwise read as true). @internal */
export function booleanOption(stage: Stage, name: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'boolean') presetProblem(stage, `${name} must be true or false, got ${JSON.stringify(String(value))}`);
}

/** `<source>/<file>`, or `<file>` for the context root. @internal */
export function inSource(source: string, file: string): string {
  return source === '.' ? file : `${source}/${file}`;
}

/**
 * The final image: certificates and time zone data, the binary from the build stage's `/out`, EXPOSE, HEALTHCHECK
 * and the entrypoint. @internal
 */
export function finishService(parts: ServiceParts, props: Partial<ServicePresetProps>): void {
  const { image, build, binary } = parts;
  const path = `/usr/local/bin/${binary}`;
  if (props.certificates !== false) {
    image.copy(['/etc/ssl/certs/ca-certificates.crt'], '/etc/ssl/certs/ca-certificates.crt', { from: build });
    image.copy(['/usr/share/zoneinfo'], '/usr/share/zoneinfo', { from: build });
  }
  image.copy([`/out/${binary}`], path, { from: build });
  const port = props.port ?? 8080;
  if (port !== 0) image.expose(port);
  image.healthcheck(props.healthcheck ?? { command: [path, '--healthcheck'] });
  image.entrypoint([path]);
}

/** The source folder normalised; reports a path that is not a safe relative folder. @internal */
export function sourceFolder(image: Image, source: unknown): string {
  if (typeof source !== 'string' || source.trim() === '' || /[\x00-\x1f\x7f\\]/.test(source)) {
    presetProblem(image, `source ${JSON.stringify(String(source))} must be a folder relative to the build context, without control characters or "\\"`);
    return '.';
  }
  const parts = source.split('/').filter((p) => p !== '' && p !== '.');
  if (source.startsWith('/') || parts.includes('..') || parts.some((p) => p.startsWith('-'))) {
    presetProblem(image, `source ${JSON.stringify(source)} must be a folder inside the build context (relative, no "..", no part starting with "-")`);
    return '.';
  }
  if (parts.some((p) => !/^[A-Za-z0-9_.+@-]+$/.test(p))) {
    presetProblem(image, `source ${JSON.stringify(source)} may only contain letters, digits, "_", ".", "+", "@", "-" and "/" (no globs, spaces or quotes)`);
    return '.';
  }
  return parts.length === 0 ? '.' : parts.join('/');
}
