import { defineProject, mergeConfig } from 'vitest/config'

import { sharedTestConfig } from '../../vitest.shared.ts'

/** `pnpm test:servers`: the suites that need real Redis and Postgres servers (test/servers). */
export default mergeConfig(
  sharedTestConfig,
  defineProject({
    test: {
      name: 'relay-servers',
      include: ['test/servers/**/*.test.ts'],
      // One suite at a time: the container suite's image build takes both cores for a while, and
      // the shared-guard suite measures timing (reads per second) that must not share them.
      fileParallelism: false,
    },
  })
)
