import type { Diagnostics } from '../core/diagnostics';
import { describe } from '../core/untyped';
import { parseImageReference } from '../reference/image-reference';
import { ProvenanceMode } from '../supply/attestations';
import { Signing } from '../supply/signing';

/** The OIDC issuer of GitHub Actions tokens. @internal */
export const GITHUB_ACTIONS_ISSUER = 'https://token.actions.githubusercontent.com';

/** An https URL without blanks, quotes or shell syntax (it lands in CONTAINERS.md's verify command). */
const ISSUER = /^https:\/\/[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:\/[A-Za-z0-9._~%/-]*)?$/;

/** `https://github.com/<owner>/<repo>` (optionally `.git` or a trailing slash): where the default identity comes from. */
const GITHUB_REPOSITORY_URL = /^https:\/\/github\.com\/([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100}?)(?:\.git)?\/?$/;

/** The longest identity regexp. */
const MAX_IDENTITY_LENGTH = 1000;

/** Checked signing settings: the identity as given (if any) and the issuer with its default. @internal */
export interface SigningSettings {
  readonly identity?: string;
  readonly issuer: string;
  /** `owner/repo` from `sourceUrl`, when it is a GitHub repository URL. */
  readonly repository?: { readonly owner: string; readonly name: string };
}

/**
 * Checks the `signing` prop at `path`: a Signing; its identity an anchored regexp (`^…$`) of printable characters
 * without line breaks; its issuer an https URL; without an identity, `sourceUrl` must name a GitHub repository (the
 * default identity is built from it). Returns the settings, or `undefined` when absent or wrong.
 * @internal
 */
export function validateSigning(d: Diagnostics, path: string, raw: unknown, sourceUrl: unknown): SigningSettings | undefined {
  if (raw === undefined) return undefined;
  if (!Signing.isSigning(raw)) {
    d.error(path, `signing must be a Signing (e.g. Signing.keyless()), got ${describe(raw)}`);
    return undefined;
  }
  const before = d.errors.length;
  const identity = raw._identity;
  if (identity !== undefined) {
    if (typeof identity !== 'string') {
      d.error(path, `signing identity must be a string, got ${describe(identity)}`);
    } else if (identity.length > MAX_IDENTITY_LENGTH || /[\u0000-\u001f\u007f`]/.test(identity)) {
      d.error(path, `signing identity ${describe(identity)} must be at most ${MAX_IDENTITY_LENGTH} printable characters on one line, without backquotes (CONTAINERS.md shows it in a code block)`);
    } else if (!identity.startsWith('^') || !identity.endsWith('$') || identity.length < 3) {
      d.error(path, `signing identity ${describe(identity)} must be an anchored regular expression ("^…$"): an unanchored one also accepts other repositories' workflows`);
    }
  }
  const issuer = raw._issuer ?? GITHUB_ACTIONS_ISSUER;
  if (typeof issuer !== 'string' || !ISSUER.test(issuer)) {
    d.error(path, `signing issuer ${describe(issuer)} must be an https URL without blanks, quotes or "$", e.g. "${GITHUB_ACTIONS_ISSUER}"`);
  }
  const match = typeof sourceUrl === 'string' ? GITHUB_REPOSITORY_URL.exec(sourceUrl) : null;
  if (identity === undefined && match === null) {
    d.error(path, `signing needs either an identity (Signing.keyless({ identity: '^https://github\\\\.com/<owner>/<repo>/…$' })) or sourceUrl "https://github.com/<owner>/<repo>", from which the verify command's identity is built; got sourceUrl ${describe(sourceUrl)}`);
  }
  if (d.errors.length > before) return undefined;
  return {
    ...(identity === undefined ? {} : { identity: identity as string }),
    issuer: issuer as string,
    ...(match === null ? {} : { repository: { owner: match[1], name: match[2] } }),
  };
}

/**
 * Checks the `attestations` prop at `path` and returns the buildx `--attest` specs: provenance a ProvenanceMode, sbom
 * a boolean, sbomGenerator a tagged or digested image reference (a CSV field of the spec: no commas, quotes or
 * blanks, which the reference grammar excludes) and only with `sbom: true`.
 * @internal
 */
export function validateAttestations(d: Diagnostics, path: string, raw: unknown): string[] {
  if (raw === undefined) return [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    d.error(path, `attestations must be an object (AttestationOptions), got ${describe(raw)}`);
    return [];
  }
  const o = raw as Record<string, unknown>;
  const before = d.errors.length;
  const modes = Object.values(ProvenanceMode) as unknown[];
  const mode = o.provenance ?? ProvenanceMode.MAX;
  if (!modes.includes(mode)) d.error(path, `attestations.provenance must be one of ${modes.map((m) => JSON.stringify(m)).join(', ')}, got ${describe(mode)}`);
  const sbom = o.sbom ?? false;
  if (typeof sbom !== 'boolean') d.error(path, `attestations.sbom must be true or false, got ${describe(sbom)}`);
  const generator = o.sbomGenerator;
  if (generator !== undefined) {
    if (typeof generator !== 'string') {
      d.error(path, `attestations.sbomGenerator must be a string, got ${describe(generator)}`);
    } else {
      const parsed = parseImageReference(generator);
      if (typeof parsed === 'string') d.error(path, `attestations.sbomGenerator: ${parsed}`);
      else if (parsed.tag === undefined && parsed.digest === undefined) d.error(path, `attestations.sbomGenerator "${generator}" needs a tag or digest`);
    }
    if (sbom !== true) d.error(path, 'attestations.sbomGenerator is only used with sbom: true; set sbom: true or remove it');
  }
  if (d.errors.length > before) return [];
  return [
    `type=provenance,mode=${mode as string}`,
    ...(sbom === true ? [generator === undefined ? 'type=sbom' : `type=sbom,generator=${generator as string}`] : []),
  ];
}
