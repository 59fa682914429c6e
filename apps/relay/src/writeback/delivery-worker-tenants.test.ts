import { expect, it } from 'vitest'

import { globex } from '../store/suite/context.ts'
import { TOKEN } from './testing/worker-fixture.ts'
import { byUser, workerFixtures } from './testing/worker-test-helpers.ts'

const start = workerFixtures()

it('sends each tenant’s messages with its own token to its own endpoint, out of its own budget', async () => {
  const f = await start()
  await f.store.tenants.upsert(globex({ writeback: { enabled: true } }))
  await f.store.outbox.enqueue('acme', [byUser('a1', 'ann'), byUser('a2', 'bob')])
  await f.store.outbox.enqueue('globex', [byUser('g1', 'gus'), byUser('g2', 'hal')])
  // acme's agents took every token of acme's budget; globex's is untouched.
  while (f.bucket.tryTake());
  const globexSpare = () => f.bucketOf('globex').spareBudget().spareTokens()
  const spareBefore = globexSpare()

  expect(await f.worker.runOnce()).toBe(4)
  const sentTo = () =>
    f.received.map(({ url, authToken, batch }) => ({
      url,
      authToken,
      ids: batch.map((m) => m.messageId),
    }))
  expect(sentTo()).toEqual([
    {
      url: 'http://localhost:4010/track/client-globex/account-globex/brand-globex/v1/batch',
      authToken: 'intilery-token-GLOBEX',
      ids: ['g1', 'g2'],
    },
  ])
  // The one batch's token came out of globex's budget (the clock has not moved: no refill).
  expect(globexSpare()).toBe(spareBefore - 1)

  // acme's refill spares a token: its messages go, to acme's endpoint with acme's token.
  f.clock.ms += 1_000
  await f.worker.runOnce()
  expect(sentTo().slice(1)).toEqual([
    {
      url: 'https://api.intilery.example/track/client-acme/account-acme/brand-acme/v1/batch',
      authToken: TOKEN,
      ids: ['a1', 'a2'],
    },
  ])
  const delivered = async (tenantId: string) =>
    (await f.store.outboxAdmin.list({ tenantId, limit: 10 })).map((m) => m.state)
  expect(await delivered('acme')).toEqual(['delivered', 'delivered'])
  expect(await delivered('globex')).toEqual(['delivered', 'delivered'])
})
