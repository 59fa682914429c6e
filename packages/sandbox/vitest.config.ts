import { defineProject, mergeConfig } from 'vitest/config'

import { sharedTestConfig } from '../../vitest.shared.ts'

export default mergeConfig(
  sharedTestConfig,
  defineProject({
    test: {
      name: 'sandbox',
      include: ['src/**/*.test.ts', 'contract/**/*.test.ts', 'test/**/*.test.ts'],
      // As the relay's (apps/relay/vitest.config.ts): files share their worker's modules, which
      // every file's own servers and seeds leave untouched (alone: 51 s isolated, 27-35 s shared).
      isolate: false,
    },
  })
)
