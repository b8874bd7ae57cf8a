/** Options of `Signing.keyless()`. */
export interface KeylessSigningOptions {
  /**
   * The certificate identity that `cosign verify` must see, as an anchored regular expression (Go syntax, starting
   * with `^` and ending with `$`): written into CONTAINERS.md's verify command as `--certificate-identity-regexp`.
   * @default - `^https://github\.com/<owner>/<repo>/\.github/workflows/<workflow file>@refs/.*$`, built from `sourceUrl`
   *   (a `https://github.com/<owner>/<repo>` URL) and the workflows that sign
   */
  readonly identity?: string;
  /**
   * The OIDC issuer of the signing certificate (`--certificate-oidc-issuer`).
   * @default "https://token.actions.githubusercontent.com" (GitHub Actions)
   */
  readonly issuer?: string;
}

/**
 * How published images are signed with cosign (sigstore), by digest, never by tag.
 *
 * - CI: a `sign` job after publishing runs `cosign sign --yes <registry>/<repository>@<digest>` for every image it
 *   published, keyless (GitHub's OIDC token, `id-token: write` in that job only).
 * - Makefile: `sign-<image>` and `sign` resolve the pushed digest (`docker buildx imagetools inspect`) and sign it
 *   with the key pair named by `COSIGN_KEY`, or keyless when it is empty; `COSIGN_ARGS` adds cosign options (e.g.
 *   `--allow-http-registry --tlog-upload=false` for a local plain-HTTP registry without a transparency log).
 * - CONTAINERS.md: the `cosign verify` command with the anchored identity and the issuer.
 * @see https://docs.sigstore.dev/cosign/signing/signing_with_containers/
 *
 * @example
 * import { Project } from 'projen';
 * import { Containers, ProvenanceMode, Signing } from 'projen-containers';
 *
 * declare const project: Project;
 * new Containers(project, {
 *   registry: 'ghcr.io/acme',
 *   sourceUrl: 'https://github.com/acme/app',
 *   signing: Signing.keyless(),
 *   attestations: { provenance: ProvenanceMode.MAX },
 * });
 */
export class Signing {
  /** Whether `x` is a Signing (also across copies of this library). */
  public static isSigning(x: unknown): x is Signing {
    return typeof x === 'object' && x !== null && SIGNING_SYMBOL in x;
  }

  /** Keyless signing with the workflow's OIDC identity (sigstore Fulcio certificates, Rekor transparency log). */
  public static keyless(options: KeylessSigningOptions = {}): Signing {
    return new Signing(options?.identity, options?.issuer);
  }

  /** The identity regexp, exactly as given. @internal */
  public readonly _identity: unknown;
  /** The issuer, exactly as given. @internal */
  public readonly _issuer: unknown;

  private constructor(identity?: unknown, issuer?: unknown) {
    Object.defineProperty(this, SIGNING_SYMBOL, { value: true });
    this._identity = identity;
    this._issuer = issuer;
  }
}

const SIGNING_SYMBOL = Symbol.for('projen-containers.Signing');
