import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// The staff console's test page: only the staff root, built as the kiosk's renderer is. Its
// addresses are relative, so it can be served under any path of any origin (the web host's too).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [vue()],
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../../../dist/staff-harness', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
  },
});
