/**
 * Single settings overridden for diagnosis, on top of `kiosk.json`: the environment variables the
 * kiosk has always read, and `--set path=value` on the command line. Each override remembers
 * where it came from, so a refusal names the variable or option rather than the file.
 */

/** One overridden setting: its dotted path, its value, and where it came from. */
export interface ConfigOverride {
  path: string;
  value: unknown;
  source: string;
}

/** Environment variables and the setting each overrides. */
export const CONFIG_ENVIRONMENT: Readonly<Record<string, string>> = {
  KIOSK_MODE: 'mode',
  KIOSK_DEVICE_NAME: 'deviceName',
  KIOSK_COUNCIL_API_URL: 'council.apiUrl',
  KIOSK_DEVICE_CREDENTIAL_FILE: 'council.deviceCredentialFile',
  KIOSK_DATA_DIR: 'storage.dataDir',
  KIOSK_KEY_FILE: 'storage.keyFile',
  KIOSK_SERVICE_CATALOG: 'serviceDefinitions',
  KIOSK_PRINTER: 'printer',
  KIOSK_LOG_DIR: 'log.folder',
  KIOSK_UPDATE_URL: 'updates.url',
};

/** The overrides the environment sets (empty variables count as unset). */
export function environmentOverrides(env: NodeJS.ProcessEnv): ConfigOverride[] {
  return Object.entries(CONFIG_ENVIRONMENT).flatMap(([name, path]) => {
    const value = env[name];
    return value === undefined || value === '' ? [] : [{ path, value, source: name }];
  });
}

/**
 * The overrides of `--set path=value` options. A value that reads as JSON (`30`, `false`,
 * `"text"`) is taken as such; anything else is text, so `--set printer=Front desk` works.
 */
export function commandLineOverrides(assignments: readonly string[]): ConfigOverride[] {
  return assignments.map((assignment) => {
    const equals = assignment.indexOf('=');
    if (equals <= 0) throw new Error(`--set ${assignment}: expected SETTING=VALUE, such as --set idle.warningSeconds=30`);
    const path = assignment.slice(0, equals).trim();
    if (path.split('.').some((key) => key === '' || key === '__proto__' || key === 'constructor' || key === 'prototype')) {
      throw new Error(`--set ${assignment}: "${path}" is not a setting's name`);
    }
    const text = assignment.slice(equals + 1);
    let value: unknown = text;
    try {
      value = JSON.parse(text);
    } catch {
      // Plain text.
    }
    return { path, value, source: `--set ${assignment}` };
  });
}

/** A copy of `raw` with each override set at its dotted path (objects are created on the way). */
export function applyOverrides(raw: Record<string, unknown>, overrides: readonly ConfigOverride[]): Record<string, unknown> {
  const result = structuredClone(raw);
  for (const { path, value } of overrides) {
    const keys = path.split('.');
    let target: Record<string, unknown> = result;
    for (const key of keys.slice(0, -1)) {
      const next = target[key];
      if (typeof next !== 'object' || next === null || Array.isArray(next)) target[key] = {};
      target = target[key] as Record<string, unknown>;
    }
    target[keys[keys.length - 1] ?? path] = value;
  }
  return result;
}

/** The override behind a problem at `path` (the same setting, or one inside or around it). */
export function overrideFor(path: string, overrides: readonly ConfigOverride[]): ConfigOverride | undefined {
  return [...overrides].reverse().find((override) => override.path === path || override.path.startsWith(`${path}.`) || path.startsWith(`${override.path}.`));
}
