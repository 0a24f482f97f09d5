import type { ResolveHookSync } from 'node:module';

// Module resolution hook: `electron` resolves to the recording fake beside this file.
export const resolve: ResolveHookSync = (specifier, context, next) => {
  if (specifier === 'electron') return { url: new URL('./electron.ts', import.meta.url).href, shortCircuit: true };
  return next(specifier, context);
};
