import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const dashboardsDir = fileURLToPath(new URL('.', import.meta.url));
const repoDir = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root: dashboardsDir,
  plugins: [react()],
  resolve: {
    alias: {
      '@banca/contracts': `${repoDir}libs/contracts/src`,
      '@banca/domain': `${repoDir}libs/domain/src`,
    },
  },
  build: {
    outDir: `${repoDir}dist/dashboards`,
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Libraries change far less often than our pages: separate files stay cached across releases.
        codeSplitting: {
          groups: [
            { name: 'charts', test: /node_modules[\\/](recharts|d3-[a-z-]+|victory-vendor|es-toolkit|decimal\.js-light)[\\/]/, priority: 20 },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/, priority: 20 },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
    },
  },
});
