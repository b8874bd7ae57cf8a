/** Bad signing, attestation and reproducibility settings (pipeline props). */
import { ProvenanceMode, Signing } from '../../../src';
import { BadInput, P, rows, untyped, VALID } from '../support';

const GH = { sourceUrl: 'https://github.com/acme/app' };
const keyless = (options: Record<string, unknown>) => ({ ...GH, signing: Signing.keyless(untyped(options)) });

export const SUPPLY_CASES: BadInput[] = rows([
  // signing
  ['signing not a Signing', { ...GH, signing: untyped({ keyless: true }) }, VALID, P, 'signing must be a Signing (e.g. Signing.keyless())'],
  ['signing a string', { ...GH, signing: untyped('keyless') }, VALID, P, ['signing must be a Signing', 'got "keyless"']],
  ['signing without identity or sourceUrl', { signing: Signing.keyless() }, VALID, P, ['signing needs either an identity', 'got sourceUrl nothing']],
  ['signing with a non-GitHub sourceUrl', { sourceUrl: 'https://gitlab.com/acme/app', signing: Signing.keyless() }, VALID, P, 'signing needs either an identity'],
  ['signing with a GitHub URL deeper than owner/repo', { sourceUrl: 'https://github.com/acme/app/tree/main', signing: Signing.keyless() }, VALID, P, 'signing needs either an identity'],
  ['identity unanchored', keyless({ identity: 'github.com/acme' }), VALID, P, 'must be an anchored regular expression'],
  ['identity without the end anchor', keyless({ identity: '^https://github\\.com/acme/' }), VALID, P, 'must be an anchored regular expression'],
  ['identity empty', keyless({ identity: '' }), VALID, P, 'must be an anchored regular expression'],
  ['identity only anchors', keyless({ identity: '^$' }), VALID, P, 'must be an anchored regular expression'],
  ['identity with a line break', keyless({ identity: '^a$\n^b$' }), VALID, P, 'printable characters on one line'],
  ['identity with CR', keyless({ identity: '^a\r$' }), VALID, P, 'printable characters on one line'],
  ['identity with a backquote (ends the docs code block)', keyless({ identity: '^a```$' }), VALID, P, 'without backquotes'],
  ['identity huge', keyless({ identity: `^${'a'.repeat(1001)}$` }), VALID, P, 'at most 1000'],
  ['identity a number', keyless({ identity: 5 }), VALID, P, 'signing identity must be a string, got number 5'],
  ['issuer not https', keyless({ issuer: 'http://token.actions.githubusercontent.com' }), VALID, P, 'signing issuer'],
  ['issuer with a space', keyless({ issuer: 'https://a b' }), VALID, P, 'must be an https URL'],
  ['issuer with a quote', keyless({ issuer: "https://a.example/'x" }), VALID, P, 'must be an https URL'],
  ['issuer with $', keyless({ issuer: 'https://a.example/$(id)' }), VALID, P, 'must be an https URL'],
  ['issuer with ${{', keyless({ issuer: 'https://${{ github.token }}' }), VALID, P, 'must be an https URL'],
  ['issuer empty', keyless({ issuer: '' }), VALID, P, 'must be an https URL'],
  ['issuer starting with --', keyless({ issuer: '--insecure' }), VALID, P, 'must be an https URL'],
  ['issuer a boolean', keyless({ issuer: true }), VALID, P, 'signing issuer boolean true'],
  // attestations
  ['attestations not an object', { attestations: untyped('max') }, VALID, P, 'attestations must be an object'],
  ['attestations an array', { attestations: untyped(['provenance']) }, VALID, P, ['attestations must be an object', 'got an array']],
  ['provenance not a ProvenanceMode', { attestations: untyped({ provenance: 'full' }) }, VALID, P, 'attestations.provenance must be one of "min", "max", got "full"'],
  ['provenance uppercase', { attestations: untyped({ provenance: ProvenanceMode.MAX.toUpperCase() }) }, VALID, P, 'attestations.provenance must be one of'],
  ['provenance with a comma (CSV injection)', { attestations: untyped({ provenance: 'max,builder-id=x' }) }, VALID, P, 'attestations.provenance must be one of'],
  ['sbom a string', { attestations: untyped({ sbom: 'true' }) }, VALID, P, 'attestations.sbom must be true or false'],
  ['sbomGenerator without sbom', { attestations: { sbomGenerator: 'mirror.example.com/syft:1' } }, VALID, P, 'only used with sbom: true'],
  ['sbomGenerator with a comma', { attestations: { sbom: true, sbomGenerator: 'mirror.example.com/syft:1,x=y' } }, VALID, P, 'attestations.sbomGenerator: invalid image reference'],
  ['sbomGenerator with a quote', { attestations: { sbom: true, sbomGenerator: 'mirror.example.com/syft:1"' } }, VALID, P, 'attestations.sbomGenerator: invalid image reference'],
  ['sbomGenerator with ${', { attestations: { sbom: true, sbomGenerator: 'mirror.example.com/${X}:1' } }, VALID, P, 'attestations.sbomGenerator: invalid image reference'],
  ['sbomGenerator with a line break', { attestations: { sbom: true, sbomGenerator: 'mirror.example.com/syft:1\nx' } }, VALID, P, 'attestations.sbomGenerator: invalid image reference'],
  ['sbomGenerator starting with --', { attestations: { sbom: true, sbomGenerator: '--push' } }, VALID, P, 'attestations.sbomGenerator: invalid image reference'],
  ['sbomGenerator empty', { attestations: { sbom: true, sbomGenerator: '' } }, VALID, P, 'attestations.sbomGenerator: image reference is empty'],
  ['sbomGenerator without tag or digest', { attestations: { sbom: true, sbomGenerator: 'mirror.example.com/syft' } }, VALID, P, 'needs a tag or digest'],
  ['sbomGenerator a number', { attestations: untyped({ sbom: true, sbomGenerator: 7 }) }, VALID, P, 'attestations.sbomGenerator must be a string'],
  // reproducible
  ['reproducible a string', { reproducible: untyped('yes') }, VALID, P, 'reproducible must be true or false, got "yes"'],
  ['reproducible a number', { reproducible: untyped(1) }, VALID, P, 'reproducible must be true or false, got number 1'],
]);
