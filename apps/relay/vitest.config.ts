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
      // Test files share their worker's modules instead of importing the relay afresh each: the
      // imports were 108 of the suite's 353 s alone (205 s without). Every file builds its own
      // app, store and clock, so none depends on another's module state; the suite passes with
      // its files shuffled (--sequence.shuffle.files).
      isolate: false,
    },
  })
)
