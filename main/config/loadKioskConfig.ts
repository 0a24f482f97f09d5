import { readFile } from 'node:fs/promises';
import { posix, resolve, win32 } from 'node:path';
import { kioskConfigSchema } from '../../shared/kioskConfig.ts';
import type { KioskConfig } from '../../shared/kioskConfig.ts';
import { KioskConfigError, describeConfigIssue, settingPath } from './kioskConfigError.ts';
import { applyOverrides, commandLineOverrides, environmentOverrides, overrideFor } from './kioskConfigOverrides.ts';
import type { ConfigOverride } from './kioskConfigOverrides.ts';

/** The configuration a kiosk starts with, and where it came from. */
export interface LoadedKioskConfig {
  config: KioskConfig;
  /** The file read, or null when there is none at the system location (defaults only). */
  path: string | null;
  /** The settings the environment or the command line overrode, with their sources. */
  overrides: ConfigOverride[];
}

/** Where to look and what overrides the file. Every field defaults to this process's own. */
export interface LoadKioskConfigOptions {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** `--config FILE` from the command line: like `KIOSK_CONFIG`, and wins over it. */
  configFile?: string;
  /** `--set path=value` options from the command line (they win over the environment). */
  set?: readonly string[];
}

/** The system-wide `kiosk.json`: `/etc/council-access-kiosk/` on Linux, `%ProgramData%\Council Access Kiosk\` on Windows. */
export function systemConfigPath(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return win32.join(env.ProgramData ?? 'C:\\ProgramData', 'Council Access Kiosk', 'kiosk.json');
  return posix.join('/etc', 'council-access-kiosk', 'kiosk.json');
}

function errnoOf(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

async function readConfigText(path: string, named: string | undefined): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = errnoOf(error);
    if (code === 'ENOENT' && named === undefined) return undefined;
    if (code === 'ENOENT') throw new KioskConfigError(`${named} names the configuration file ${path}, which does not exist. Create it, or correct ${named}.`);
    if (code === 'EACCES' || code === 'EPERM') {
      throw new KioskConfigError(`The configuration file ${path} cannot be read (permission denied). Let the kiosk's account read it (and only IT write it).`);
    }
    if (code === 'EISDIR') throw new KioskConfigError(`The configuration file ${path} is a folder. Point to the kiosk.json file inside it.`);
    throw new KioskConfigError(`The configuration file ${path} cannot be read (${code ?? String(error)}).`);
  }
}

function parseJson(text: string, path: string): Record<string, unknown> {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new KioskConfigError(
      `The configuration file ${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}. ` +
        'Check for a missing comma or quote, or a comma after the last setting.',
    );
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new KioskConfigError(`The configuration file ${path} must hold one JSON object { … }, not ${Array.isArray(raw) ? 'a list' : String(raw)}.`);
  }
  return raw as Record<string, unknown>;
}

/**
 * Reads, overrides and validates the kiosk's configuration, before anything else starts.
 *
 * The file is `configFile` (`--config`), else `KIOSK_CONFIG`, else the system location; a file
 * named by either must exist, while a missing system file means defaults only. Environment
 * variables (see CONFIG_ENVIRONMENT) and then `--set` options override single settings.
 * Anything wrong (unreadable, not JSON, an unknown setting, a wrong type, out of range) throws a
 * KioskConfigError naming the file, each setting and what is wrong, with every problem listed.
 */
export async function loadKioskConfig(options: LoadKioskConfigOptions = {}): Promise<LoadedKioskConfig> {
  const env = options.env ?? process.env;
  const named = options.configFile !== undefined ? '--config' : env.KIOSK_CONFIG ? 'KIOSK_CONFIG' : undefined;
  const namedPath = options.configFile ?? (env.KIOSK_CONFIG || undefined);
  // A file named by --config or KIOSK_CONFIG is taken from the working folder, then always shown absolute.
  const path = namedPath !== undefined ? resolve(namedPath) : systemConfigPath(options.platform, env);
  const text = await readConfigText(path, named);
  const raw = text === undefined ? {} : parseJson(text, path);
  const overrides = [...environmentOverrides(env), ...commandLineOverrides(options.set ?? [])];
  const result = kioskConfigSchema.safeParse(applyOverrides(raw, overrides), { reportInput: true });
  if (result.success) return { config: result.data, path: text === undefined ? null : path, overrides };

  const problems = result.error.issues.flatMap((issue) => {
    const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
    return paths.map((at) => {
      const setting = settingPath(at);
      const override = overrideFor(setting, overrides);
      const what = issue.code === 'unrecognized_keys' ? 'unknown setting (check the spelling against the JSON Schema)' : describeConfigIssue(issue);
      return `\`${setting}\`${override ? ` (from ${override.source})` : ''}: ${what}`;
    });
  });
  const file = text === undefined ? 'The kiosk configuration (no file; environment and --set only)' : `The configuration file ${path}`;
  throw new KioskConfigError(`${file} is not valid; the kiosk will not start until it is fixed:\n  ${problems.join('\n  ')}`, problems);
}
