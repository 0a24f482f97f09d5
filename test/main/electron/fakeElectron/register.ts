import { register } from 'node:module';

// Loaded with `node --import`: every `import … from 'electron'` gets the fake in electron.ts.
register(new URL('./hooks.ts', import.meta.url));
