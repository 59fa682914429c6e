import { defineProject, mergeConfig } from 'vitest/config'

import { sharedTestConfig } from '../../vitest.shared.ts'

export default mergeConfig(
  sharedTestConfig,
  defineProject({
    test: {
      name: 'ui',
      include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
      setupFiles: ['test/load-english.ts'],
    },
  })
)
