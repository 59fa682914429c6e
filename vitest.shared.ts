import type { ViteUserConfig } from 'vitest/config'

/** Settings every package's vitest project shares: hermetic, UTC, no retries hiding flakes. */
export const sharedTestConfig = {
  test: {
    env: { TZ: 'UTC' },
    restoreMocks: true,
    testTimeout: 20_000,
    hookTimeout: 30_000,
    retry: 0,
  },
} satisfies ViteUserConfig
