import { defineProject, mergeConfig } from 'vitest/config'

import { sharedTestConfig } from '../../vitest.shared.ts'

export default mergeConfig(
  sharedTestConfig,
  defineProject({
    test: {
      name: 'pipedrive',
      include: [
        'src/**/*.test.{ts,tsx}',
        'test/**/*.test.{ts,tsx}',
        'json-panel/**/*.test.{ts,tsx}',
      ],
    },
  })
)
