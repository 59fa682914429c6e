import { defineProject, mergeConfig } from 'vitest/config'

import { sharedTestConfig } from '../../vitest.shared.ts'

/** `pnpm test:servers`: the suites that need real Redis and Postgres servers (test/servers). */
export default mergeConfig(
  sharedTestConfig,
  defineProject({ test: { name: 'relay-servers', include: ['test/servers/**/*.test.ts'] } })
)
