import { configDefaults, defineProject, mergeConfig } from 'vitest/config'

import { sharedTestConfig } from '../../vitest.shared.ts'

export default mergeConfig(
  sharedTestConfig,
  defineProject({
    test: {
      name: 'relay',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      // Real servers: `pnpm test:servers` (vitest.servers.config.ts), run by .ci/run.
      exclude: [...configDefaults.exclude, 'test/servers/**'],
    },
  })
)
