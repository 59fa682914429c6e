import { defineConfig } from 'vitest/config'

// Every workspace package with its own vitest.config.ts runs as one project.
export default defineConfig({
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      'apps/*/vitest.config.ts',
      'tooling/*/vitest.config.ts',
    ],
  },
})
