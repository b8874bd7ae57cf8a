import type { PlannedPins } from '../plan/build-plan';

/**
 * The digests env file: a marker comment, then `VARIABLE=reference` per base image variable (the Makefile and bake
 * variable names), the reference pinned when the lock has it. References are validated image references, so no
 * value needs quoting in the env-file grammars of Docker, Compose, systemd or a shell `.` / Make `include`.
 * @internal
 */
export function renderDigestsEnv(pins: PlannedPins, marker: string | undefined): string {
  const head = marker !== undefined ? [`# ${marker}`] : [];
  const lines = pins.variables.map((v) => `${v.variable}=${v.reference}`);
  return [...head, `# Base images pinned by ${pins.lockFile}; refresh with \`npx projen containers:pin --update\`.`, ...lines].join('\n') + '\n';
}
