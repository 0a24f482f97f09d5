import { registerHooks } from 'node:module';
import { resolve } from './hooks.ts';

// Loaded with `node --import`: every `import … from 'electron'` gets the fake in electron.ts.
registerHooks({ resolve });
