import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const fromHere = (relativePath: string) => fileURLToPath(new URL(relativePath, import.meta.url));

const apiServer = 'http://localhost:3000';

const sharedSource = fromHere('../../libs/shared/src/');

export default defineConfig({
  root: fromHere('.'),
  plugins: [react()],
  resolve: {
    alias: { '@vigil/shared': fromHere('../../libs/shared/src/index.ts') },
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': { target: apiServer, changeOrigin: true },
      '/socket.io': { target: apiServer, changeOrigin: true, ws: true },
    },
  },
  build: {
    outDir: fromHere('../../dist/dashboard'),
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      // Libraries change far less often than the app; separate chunks stay cached across releases.
      output: {
        manualChunks: {
          charts: ['recharts'],
          data: ['@tanstack/react-query', 'socket.io-client'],
        },
      },
      treeshake: {
        // libs/shared is pure by design, but its top-level zod schemas look like side effects to
        // Rollup; without this the ward screen ships zod (~25 kB gzipped) it never calls.
        moduleSideEffects: (id) => !id.startsWith(sharedSource),
      },
    },
  },
});
