import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

export default defineConfig({
  root: 'renderer',
  // Relative asset URLs so the same build loads from file:// in Electron and from the web server.
  base: './',
  plugins: [react()],
  define: { __APP_VERSION__: JSON.stringify(version) },
  worker: { format: 'es' },
  build: { outDir: '../dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: {
    port: 5173,
    // In `npm run dev` the storage API comes from a web server started on 5178 (`npm run web`).
    proxy: { '/api': 'http://127.0.0.1:5178' },
  },
});
