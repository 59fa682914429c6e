// deploy/redis's settings and ACL, on a redis-server of the test's own: the relay's user can do all
// the relay does (reserve budget tokens and groups of them, share, lock and wait for answers) and
// nothing else (no admin command, no key or channel outside the relay's prefix).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { createProfileRef } from '@intilery-connect/core'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { startRedis } from '../../bench/scale/scale-cluster.ts'
import { createHasher } from '../../src/platform/crypto/hmac.ts'
import { createSecretBox } from '../../src/platform/crypto/secret-box.ts'
import { createRedisAnswers } from '../../src/platform/redis/redis-answers.ts'
import { createRedisBudget } from '../../src/platform/redis/redis-budget.ts'
import { AUDIT_KEY, ENCRYPTION_KEY } from '../../src/store/suite/context.ts'
import { createUpstream } from '../../src/upstream/upstream.ts'
import { AdmissionGroup } from '../../src/upstream/admission-group.ts'
import { CREDENTIALS, fakeIntilery, ok } from '../../src/upstream/testing/fake-intilery.ts'
import type { OwnRedis } from './redis-process.ts'
import { serverUrl } from './server-urls.ts'

let redis: OwnRedis
const deploy = fileURLToPath(new URL('../../../../deploy', import.meta.url))
const work = mkdtempSync(join(tmpdir(), 'relay-redis-acl-'))

beforeAll(async () => {
  serverUrl('RELAY_TEST_REDIS_SERVER')
  redis = await startRedis(work, deploy)
})
afterAll(async () => {
  await redis.stop()
  rmSync(work, { recursive: true, force: true })
})

it('lets the relay’s user reserve tokens and share answers through its ACL', async () => {
  const modes: string[] = []
  const budget = createRedisBudget({ url: redis.url, onModeChange: (mode) => modes.push(mode) })
  const answers = createRedisAnswers({
    url: redis.url,
    secretBox: await createSecretBox(ENCRYPTION_KEY),
    hasher: await createHasher(AUDIT_KEY),
  })
  try {
    await budget.ready(5_000)
    await answers.ready(5_000)
    const fake = fakeIntilery(ok)
    const storeErrors: unknown[] = []
    const guards = [1, 2].map(() =>
      createUpstream(
        CREDENTIALS,
        {},
        {
          fetch: fake.fetch,
          sharedBudget: { backend: budget, instances: 2 },
          sharedAnswers: { store: answers, onStoreError: (e) => storeErrors.push(e) },
        }
      )
    )
    const joe = createProfileRef('email', 'joe.acl@example.com')
    const group = new AdmissionGroup(2)
    const opened = await Promise.all(
      guards.flatMap((guard) => [
        guard.meta(joe, { admission: group }),
        guard.firstEventsPage(joe, {}, { admission: group }),
      ])
    )
    expect(opened).toHaveLength(4)
    expect(storeErrors).toEqual([])
    expect(budget.mode()).toBe('shared')
    expect(modes).not.toContain('local')
    // One read per endpoint for both instances: the lock, the stored answer and the wake-up worked.
    expect(fake.calls).toHaveLength(2)
  } finally {
    await Promise.all([budget.close(), answers.close()])
  }
})

it('refuses the relay’s user every admin command and every key outside its prefix', async () => {
  const client = new Redis(redis.url, { maxRetriesPerRequest: 0 })
  try {
    for (const command of [
      () => client.flushall(),
      () => client.keys('*'),
      () => client.config('GET', 'dir'),
      () => client.get('someone-else:key'),
      () => client.publish('someone-else', 'x'),
      () => client.call('CLIENT', 'LIST'),
    ])
      await expect(command()).rejects.toThrow(/NOPERM/)
  } finally {
    client.disconnect()
  }
})
