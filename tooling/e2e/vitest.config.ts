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
      testTimeout: 30_000,
      hookTimeout: 90_000,
    },
  })
)
