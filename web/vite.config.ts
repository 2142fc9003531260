import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  resolve: {
    // The web app shares role and error-code tables with the server; the alias keeps imports
    // from depending on how deep a file sits under web/src.
    alias: { '@shared': fileURLToPath(new URL('../src/shared', import.meta.url)) },
  },
  server: {
    // node_modules and src/shared live above web/, which Vite would otherwise refuse to serve.
    fs: { allow: [repoRoot] },
    proxy: { '/api': 'http://localhost:8080' },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // React, the router and i18next are needed before anything renders and change
            // rarely; one long-cached chunk beats having them scattered across route chunks.
            // antd is deliberately not grouped so each route only pulls the components it uses.
            {
              name: 'vendor-react',
              test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|cookie|set-cookie-parser|i18next|react-i18next|html-parse-stringify|void-elements|use-sync-external-store)[\\/]/,
            },
          ],
        },
      },
    },
  },
});
