// @ts-check
import { dirname, relative, resolve, sep } from 'node:path';

/**
 * The kiosk's layering rule, after VS Code's "code-layering" (do not relax it):
 *
 *   shared/    pure: zod, small pure libraries, and itself
 *   main/      Node: shared/, node:*, got, the SQLite driver, …; `electron` only under main/electron/
 *   renderer/  browser: shared/, vue, pinia, vue-router, …
 *
 * main/ and renderer/ never import each other. Only main/electron/ touches Electron (type
 * imports included), so everything else in main/ runs, and is tested, in plain Node. Each zone has an allow-list of packages; a
 * package not on its zone's list is an error, so a new dependency is a deliberate decision.
 * test/ may import anything, since tests exercise every zone.
 */

/** Packages each zone may import (exact names, or a prefix ending in '*'). */
export const ZONE_PACKAGES = {
  shared: ['zod', 'libphonenumber-js', 'libphonenumber-js/*'],
  main: ['zod', 'zod-openapi', 'libphonenumber-js', 'libphonenumber-js/*', 'electron', 'node:*', 'got', 'better-sqlite3-multiple-ciphers', 'pino', 'pino-roll', 'electron-updater', 'qrcode'],
  renderer: ['zod', 'libphonenumber-js', 'libphonenumber-js/*', 'vue', 'pinia', 'vue-router', 'vue-i18n', 'vite', '@vitejs/plugin-vue', 'node:url'],
};

/** Zones a zone may import from by relative path. */
const ZONE_IMPORTS = {
  shared: ['shared'],
  main: ['shared', 'main'],
  renderer: ['shared', 'renderer'],
};

/** Packages only one folder of a zone may import: `electron` belongs to main/electron/. */
const FOLDER_ONLY_PACKAGES = [{ pkg: 'electron', folder: 'main/electron/' }];

// Build configs run in Node at build time, not in the zone they configure.
const BUILD_CONFIG = /(^|\/)(vite|preload\.vite)\.config\.ts$/;

/**
 * @param {string} root
 * @param {string} file
 * @returns {'shared' | 'main' | 'renderer' | undefined}
 */
export function zoneOf(root, file) {
  const top = relative(root, file).split(sep)[0];
  return top === 'shared' || top === 'main' || top === 'renderer' ? top : undefined;
}

/**
 * @param {string} specifier
 * @param {string[]} allowed
 */
function packageAllowed(specifier, allowed) {
  return allowed.some((entry) =>
    entry.endsWith('*') ? specifier.startsWith(entry.slice(0, -1)) : specifier === entry || specifier.startsWith(`${entry}/`),
  );
}

/** @type {import('eslint').Rule.RuleModule} */
export const kioskLayersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep main/, renderer/ and shared/ layered one way, with per-zone package allow-lists' },
    schema: [],
    messages: {
      crossZone: '{{from}}/ must not import from {{to}}/ ({{specifier}}): only shared/ is common ground.',
      package: '{{from}}/ may not import "{{specifier}}": it is not on the {{from}} allow-list in .eslint/kioskLayersRule.js.',
      folderOnly: '"{{specifier}}" may be imported only under {{folder}}: pass its objects in from there.',
    },
  },
  create(context) {
    const root = context.cwd;
    const file = context.filename;
    const from = zoneOf(root, file);
    if (from === undefined || BUILD_CONFIG.test(file.split(sep).join('/'))) return {};

    /** @param {import('estree').Node} node @param {unknown} source */
    const check = (node, source) => {
      if (typeof source !== 'string') return;
      if (source.startsWith('.') || source.startsWith('/')) {
        const to = zoneOf(root, resolve(dirname(file), source));
        if (to === undefined || !ZONE_IMPORTS[from].includes(to)) {
          context.report({ node, messageId: 'crossZone', data: { from, to: to ?? 'outside', specifier: source } });
        }
      } else if (!packageAllowed(source, ZONE_PACKAGES[from])) {
        context.report({ node, messageId: 'package', data: { from, specifier: source } });
      } else {
        const path = relative(root, file).split(sep).join('/');
        const only = FOLDER_ONLY_PACKAGES.find(({ pkg }) => packageAllowed(source, [pkg]));
        if (only !== undefined && !path.startsWith(only.folder)) {
          context.report({ node, messageId: 'folderOnly', data: { specifier: source, folder: only.folder } });
        }
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') {
          check(node, node.arguments[0].value);
        }
      },
    };
  },
};
