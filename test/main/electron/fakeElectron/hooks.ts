// Module resolution hook: `electron` resolves to the recording fake beside this file.
export async function resolve(specifier: string, context: unknown, next: (s: string, c: unknown) => Promise<unknown>): Promise<unknown> {
  if (specifier === 'electron') return { url: new URL('./electron.ts', import.meta.url).href, shortCircuit: true };
  return next(specifier, context);
}
