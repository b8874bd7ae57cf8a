import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** A user name and password (or token) for one registry. @internal */
export interface RegistryCredentials {
  readonly username: string;
  readonly password: string;
}

/** Looks up the credentials of a registry (by its Docker config key). @internal */
export type CredentialSource = (configKey: string) => RegistryCredentials | undefined;

/** The Docker config file: `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`. @internal */
export function dockerConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.DOCKER_CONFIG || join(homedir(), '.docker'), 'config.json');
}

const HELPER_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** `https://host/v1/` and `host` name the same registry in `auths`. */
function hostOf(key: string): string {
  return key.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '').toLowerCase();
}

/**
 * Credentials from a Docker config file, as `docker login` stored them: a credential helper for the registry
 * (`credHelpers`) or the default store (`credsStore`), run as `docker-credential-<name> get`, else the base64
 * `auths.<registry>.auth` entry. A missing or unreadable file, or a helper that is not installed, yields no
 * credentials (anonymous access).
 * @internal
 */
export function dockerConfigCredentials(configPath: string = dockerConfigPath()): CredentialSource {
  let config: any;
  try {
    config = JSON.parse(readFileSync(configPath, 'utf8'));
  } catch {
    config = undefined;
  }
  return (configKey) => {
    if (typeof config !== 'object' || config === null) return undefined;
    const host = hostOf(configKey);
    const helpers = typeof config.credHelpers === 'object' && config.credHelpers !== null ? config.credHelpers : {};
    const helperKey = Object.keys(helpers).find((k) => hostOf(k) === host);
    const helper = helperKey !== undefined ? helpers[helperKey] : config.credsStore;
    if (typeof helper === 'string' && HELPER_NAME.test(helper)) {
      const fromHelper = runHelper(helper, configKey);
      if (fromHelper) return fromHelper;
    }
    const auths = typeof config.auths === 'object' && config.auths !== null ? config.auths : {};
    const authKey = Object.keys(auths).find((k) => hostOf(k) === host);
    const auth = authKey !== undefined ? auths[authKey]?.auth : undefined;
    if (typeof auth !== 'string' || auth.length === 0) return undefined;
    const decoded = Buffer.from(auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) return undefined;
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  };
}

/** `docker-credential-<helper> get` with the registry on stdin (no shell). */
function runHelper(helper: string, configKey: string): RegistryCredentials | undefined {
  const result = spawnSync(`docker-credential-${helper}`, ['get'], { input: configKey, encoding: 'utf8', timeout: 10_000 });
  if (result.error || result.status !== 0) return undefined;
  try {
    const out = JSON.parse(result.stdout);
    if (typeof out?.Username === 'string' && typeof out?.Secret === 'string' && out.Secret.length > 0) {
      return { username: out.Username, password: out.Secret };
    }
  } catch {
    // an unparsable answer is the same as none
  }
  return undefined;
}
