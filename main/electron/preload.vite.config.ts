import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The sandboxed preload must be a single CommonJS file: bundle it, with `electron` left external.
export default defineConfig({
  build: {
    outDir: fileURLToPath(new URL('../../dist/preload', import.meta.url)),
    emptyOutDir: true,
    minify: false,
    lib: {
      entry: fileURLToPath(new URL('./preload.ts', import.meta.url)),
      formats: ['cjs'],
      fileName: () => 'preload.cjs',
    },
    rollupOptions: { external: ['electron'] },
  },
});
