import { defineProject, mergeConfig } from 'vitest/config'

import { sharedTestConfig } from '../../vitest.shared.ts'

export default mergeConfig(
  sharedTestConfig,
  defineProject({ test: { name: 'repo-checks', include: ['test/**/*.test.ts'] } })
)
