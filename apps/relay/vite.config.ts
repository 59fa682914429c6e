/**
 * `pnpm build`: the relay as plain JavaScript for Node (dist/main.js, dist/cli.js), so production
 * runs `node dist/main.js` without a TypeScript loader (tsx alone adds ~70 MB of RSS). Workspace
 * packages (core) are bundled in; npm dependencies stay external and load from node_modules.
 */
import { defineConfig } from 'vite'

export default defineConfig({
  build: {
    ssr: true,
    target: 'node20',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    rollupOptions: {
      input: {
        main: 'src/main.ts',
        cli: 'src/cli.ts',
        // A worker thread's entry (writeback/thread/outbox-thread-client.ts starts it).
        'outbox-thread': 'src/writeback/thread/outbox-thread.ts',
      },
      output: { entryFileNames: '[name].js' },
    },
  },
})
