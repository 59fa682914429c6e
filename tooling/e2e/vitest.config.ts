import { defineProject, mergeConfig } from 'vitest/config'

import { sharedTestConfig } from '../../vitest.shared.ts'

export default mergeConfig(
  sharedTestConfig,
  defineProject({
    test: {
      name: 'e2e',
      include: ['test/**/*.test.ts'],
      // One browser and one demo stack per file, files one after another: the machine has 2 cores.
      fileParallelism: false,
      // The demo's apps, built once for all files (src/global-builds.ts).
      globalSetup: ['./src/global-builds.ts'],
      testTimeout: 30_000,
      hookTimeout: 90_000,
    },
  })
)
