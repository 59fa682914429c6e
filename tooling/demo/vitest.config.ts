import { defineProject, mergeConfig } from 'vitest/config'

import { sharedTestConfig } from '../../vitest.shared.ts'

export default mergeConfig(
  sharedTestConfig,
  defineProject({ test: { name: 'demo', include: ['test/**/*.test.ts'] } })
)
