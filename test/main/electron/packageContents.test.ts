import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { listPackage, statFile } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Builds the `dir` package offline with electron-builder, as `npm run package:dir` does, and checks
// what it holds. Electron's binary cannot be downloaded here, so the "Electron" folder is a
// PLACEHOLDER: a shell script carrying Electron's fuse sentinel, so that electron-builder can copy
// it and flip its fuses. It CANNOT RUN the app: this test checks the package's files (and the
// fuses written), not the app; the app itself is tested in Node and in Chromium.

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const run = promisify(execFile);
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

let work: string | undefined;
let app: string;
let files: string[];

async function placeholderElectron(dir: string): Promise<void> {
  await mkdir(join(dir, 'resources'), { recursive: true });
  const script = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "placeholder Electron: cannot run the kiosk" >&2\nexit 1\n# '),
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, 9]), // fuse wire version 1, nine fuses
    Buffer.from('111111111\n'),
  ]);
  await writeFile(join(dir, 'electron'), script);
  await chmod(join(dir, 'electron'), 0o755);
}

beforeAll(async () => {
  const built = ['dist/main/main/electron/electronMain.js', 'dist/preload/preload.cjs', 'dist/renderer/index.html'].every((file) => existsSync(join(ROOT, file)));
  if (!built) await run('npm', ['run', 'build'], { cwd: ROOT });
  work = await mkdtemp(join(tmpdir(), 'kiosk-package-'));
  await placeholderElectron(join(work, 'electron'));
  await run(
    process.execPath,
    [
      join(ROOT, 'node_modules/electron-builder/cli.js'),
      '--linux',
      'dir',
      '--publish',
      'never',
      `-c.electronDist=${join(work, 'electron')}`,
      `-c.directories.output=${join(work, 'out')}`,
    ],
    { cwd: ROOT, env: { ...process.env, ELECTRON_BUILDER_OFFLINE: '1' } },
  );
  app = join(work, 'out', 'linux-unpacked');
  files = listPackage(join(app, 'resources', 'app.asar'), { isPack: false });
}, 240_000);

afterAll(async () => {
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

function topLevelModules(): Set<string> {
  const names = files.map((file) => /^\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1]).filter((name): name is string => name !== undefined);
  return new Set(names.filter((name) => !/^@[^/]+$/.test(name)));
}

describe('the packaged kiosk (dir target, placeholder Electron)', () => {
  it('holds the main, preload and renderer builds and the package.json that points at them', () => {
    for (const file of ['/package.json', '/dist/main/main/electron/electronMain.js', '/dist/preload/preload.cjs', '/dist/renderer/index.html']) {
      expect(files).toContain(file);
    }
    expect(files.some((file) => /^\/dist\/renderer\/assets\/.+\.js$/.test(file))).toBe(true);
  });

  it('ships production dependencies only: the renderer libraries are in its bundle, not beside it', async () => {
    const lock = JSON.parse(await readFile(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    const production = new Set(
      Object.entries(lock.packages)
        .filter(([path, entry]) => path.startsWith('node_modules/') && entry.dev !== true)
        .map(([path]) => path.slice('node_modules/'.length).split('/node_modules/').at(-1) ?? path),
    );
    const shipped = topLevelModules();
    expect([...shipped].filter((name) => !production.has(name))).toEqual([]);
    for (const name of ['vue', 'pinia', 'vue-router', 'vue-i18n', 'electron', 'vite', 'vitest', 'typescript', 'electron-builder']) {
      expect(shipped.has(name), name).toBe(false);
    }
    for (const name of ['zod', 'got', 'pino', 'pino-roll', 'electron-updater', 'better-sqlite3-multiple-ciphers']) expect(shipped.has(name), name).toBe(true);
  });

  it('unpacks the SQLite driver\'s native binary so Electron can load it', () => {
    const native = '/node_modules/better-sqlite3-multiple-ciphers/prebuilds/linux-x64.node';
    expect(files).toContain(native);
    expect(statFile(join(app, 'resources', 'app.asar'), native.slice(1))).toMatchObject({ unpacked: true });
    expect(existsSync(join(app, 'resources', 'app.asar.unpacked', native))).toBe(true);
  });

  it('holds no tests, source maps or TypeScript sources', () => {
    expect(files.filter((file) => /\.(?:ts|mts|cts|map)$/.test(file))).toEqual([]);
    expect(files.filter((file) => /\/(?:test|tests|__tests__)\/|\.(?:test|spec)\.[cm]?js$|^\/test\//.test(file))).toEqual([]);
    expect(files.filter((file) => /^\/(?:main|renderer|shared|test)\//.test(file))).toEqual([]);
  });

  it('puts the configuration schema and example beside the app, and burns the fuses into the binary', async () => {
    expect(existsSync(join(app, 'resources', 'kiosk.schema.json'))).toBe(true);
    expect(existsSync(join(app, 'resources', 'kiosk.example.json'))).toBe(true);
    const wire = await getCurrentFuseWire(join(app, 'council-access-kiosk'));
    const DISABLE = 48;
    const ENABLE = 49;
    expect(wire[FuseV1Options.RunAsNode]).toBe(DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(DISABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ENABLE);
  });
});
