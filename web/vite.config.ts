import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vite';

// The console is built to web/dist and served by the Nest app at /. During development
// (`npm run dev:web`) Vite serves it and forwards /api to the API on port 3000.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 800,
    // Index HTML loads only the first page's code; admin pages and charts are split out.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      // Mantine marks its modules "use client" for React Server Components; meaningless in a SPA.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
