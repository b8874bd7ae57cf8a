/** Option-reach rows of signing, attestations and reproducible builds (pipeline props and their option structs). */
import { expect } from 'vitest';
import type { Effect, ReachRow } from './option-table';
import { has } from './option-table';
import type { Variation } from './pipeline';
import { ContainersProps, ProvenanceMode, Signing } from '../../src';

/** Baselines need a GitHub source URL: the default signing identity is built from it. */
const SOURCE = { sourceUrl: 'https://github.com/acme/app' };

function props(extra: Partial<ContainersProps>): Variation {
  return { props: { ...SOURCE, ...extra } };
}

/** The bake target `app-runtime` attests exactly `specs`. */
function bakeAttest(...specs: string[]): Effect {
  return (after, before) => {
    expect(JSON.parse(after!).target['app-runtime'].attest).toStrictEqual(specs);
    expect(before).not.toContain(specs[specs.length - 1]);
  };
}

/** Both build recipes pass every spec as `--attest '<spec>'`. */
function makeAttest(...specs: string[]): Effect {
  return (after, before) => {
    for (const spec of specs) {
      expect(after!.split(`--attest '${spec}'`).length - 1, spec).toBe(2);
    }
    expect(before).not.toContain(`--attest '${specs[specs.length - 1]}'`);
  };
}

const IDENTITY = '^https://github\\.com/acme/app/\\.github/workflows/containers\\.yml@refs/.*$';

export const SUPPLY_ROWS: ReachRow[] = [
  {
    option: 'ContainersProps.signing',
    base: props({}),
    variant: props({ signing: Signing.keyless() }),
    effects: {
      makefile: has('sign-app-runtime:', 'COSIGN_KEY ?=', 'COSIGN_ARGS ?=', '"$$COSIGN" sign --yes'),
      workflow: has('id-token: write', 'cosign sign --yes "$REGISTRY/app-runtime@${APP_RUNTIME_IMAGE_DIGEST:?', '--metadata-file', 'APP_RUNTIME_IMAGE_DIGEST: ${{ steps.digests.outputs.APP_RUNTIME_IMAGE_DIGEST }}'),
      docs: has(`--certificate-identity-regexp '${IDENTITY}'`, '--certificate-oidc-issuer https://token.actions.githubusercontent.com'),
    },
  },
  {
    option: 'KeylessSigningOptions.identity',
    base: props({ signing: Signing.keyless() }),
    variant: props({ signing: Signing.keyless({ identity: '^https://github\\.com/acme/app/\\.github/workflows/release\\.yml@refs/tags/v.*$' }) }),
    effects: { docs: has("--certificate-identity-regexp '^https://github\\.com/acme/app/\\.github/workflows/release\\.yml@refs/tags/v.*$'") },
  },
  {
    option: 'KeylessSigningOptions.issuer',
    base: props({ signing: Signing.keyless() }),
    variant: props({ signing: Signing.keyless({ issuer: 'https://issuer.example.com' }) }),
    effects: { docs: has('--certificate-oidc-issuer https://issuer.example.com') },
  },
  {
    option: 'ContainersProps.attestations',
    base: props({}),
    variant: props({ attestations: {} }),
    effects: { makefile: makeAttest('type=provenance,mode=max'), bake: bakeAttest('type=provenance,mode=max'), docs: has('### Attestations') },
  },
  {
    option: 'AttestationOptions.provenance',
    base: props({ attestations: {} }),
    variant: props({ attestations: { provenance: ProvenanceMode.MIN } }),
    effects: { makefile: makeAttest('type=provenance,mode=min'), bake: bakeAttest('type=provenance,mode=min'), docs: has('`type=provenance,mode=min`') },
  },
  {
    option: 'AttestationOptions.sbom',
    base: props({ attestations: {} }),
    variant: props({ attestations: { sbom: true } }),
    effects: { makefile: makeAttest('type=provenance,mode=max', 'type=sbom'), bake: bakeAttest('type=provenance,mode=max', 'type=sbom'), docs: has('`type=provenance,mode=max`, `type=sbom`') },
  },
  {
    option: 'AttestationOptions.sbomGenerator',
    base: props({ attestations: { sbom: true } }),
    variant: props({ attestations: { sbom: true, sbomGenerator: 'mirror.example.com/docker/buildkit-syft-scanner:1' } }),
    effects: {
      makefile: makeAttest('type=sbom,generator=mirror.example.com/docker/buildkit-syft-scanner:1'),
      bake: bakeAttest('type=provenance,mode=max', 'type=sbom,generator=mirror.example.com/docker/buildkit-syft-scanner:1'),
      docs: has('`type=sbom,generator=mirror.example.com/docker/buildkit-syft-scanner:1`'),
    },
  },
  {
    option: 'ContainersProps.reproducible',
    base: props({}),
    variant: props({ reproducible: true }),
    effects: {
      makefile: has('SOURCE_DATE_EPOCH := $(shell git log -1 --format=%ct', 'REWRITE_TIMESTAMP ?=', '--output "type=image,push=true$${REWRITE_TIMESTAMP:+,rewrite-timestamp=true}"'),
      bake: has('"output": "${compact([REWRITE_TIMESTAMP != \\"\\" ? \\"type=image,rewrite-timestamp=true\\" : \\"\\"])}"'),
      workflow: has('SOURCE_DATE_EPOCH: ${{ needs.tag.outputs.SOURCE_DATE_EPOCH }}', 'REWRITE_TIMESTAMP: "1"'),
      docs: has('### Reproducible images'),
    },
  },
];
