import { describe, expect, it } from 'vitest'

import { add, setup } from '../../test/cli-harness.ts'
import { message } from '../writeback/testing/outbox-message.ts'
import { age } from './outbox-commands.ts'
import { CliUsageError } from './run-cli.ts'

const CLAIM = { limit: 100, maxBytes: 400_000, leaseMs: 60_000 }

/** Tenant demo with write-back on, and an outbox of: m1 delivered, m2 dead, m3 pending. */
async function withOutbox() {
  const context = setup()
  await context.cli(...add)
  expect((await context.cli('tenants', 'writeback', '--tenant', 'demo', '--on')).code).toBe(0)
  await context.store(async (s) => {
    await s.outbox.enqueue('demo', [message('m1'), message('m2', 'sam'), message('m3', 'kim')])
    await s.outbox.claimDue({ ...CLAIM, limit: 2 })
    await s.outbox.markDelivered([{ tenantId: 'demo', messageId: 'm1' }])
    await s.outbox.markDead([{ tenantId: 'demo', messageId: 'm2' }], 'http 400 validation_error')
  })
  return context
}

describe('relay tenants writeback', () => {
  it('turns write-back on and off, shows where events go, and lists it', async () => {
    const { cli, run } = setup()
    await cli(...add)
    expect((await cli('tenants', 'list')).out).toMatch(/WRITE-BACK\n.* off\n$/)
    expect(await cli('tenants', 'writeback', '--tenant', 'demo', '--on')).toEqual({
      code: 0,
      out: 'write-back is on for tenant demo: the host apps’ events go to http://127.0.0.1:4010/track/demo/demo/DEMO/v1/batch\n',
    })
    const url = 'https://track.example/v1/batch'
    expect((await cli('tenants', 'writeback', '--tenant', 'demo', '--tracking-url', url)).out).toBe(
      `write-back is on for tenant demo: the host apps’ events go to ${url}\n`
    )
    const [listed] = JSON.parse((await cli('tenants', 'list', '--json')).out) as {
      writeback: unknown
    }[]
    expect(listed?.writeback).toEqual({ enabled: true, trackingUrl: url })
    expect((await cli('tenants', 'list')).out).toMatch(/ on https:\/\/track\.example\/v1\/batch\n$/)

    expect(
      await run([
        'tenants',
        'writeback',
        '--tenant',
        'demo',
        '--tracking-url',
        'http://track.example/v1/batch',
      ])
    ).toEqual({
      code: 1,
      out: '',
      err: 'relay: Invalid tracking URL: must be https (plain http only for 127.0.0.1 or localhost); nothing was changed\n',
    })
    expect(
      (await cli('tenants', 'writeback', '--tenant', 'demo', '--off', '--tracking-url', 'default'))
        .out
    ).toBe(
      'write-back is off for tenant demo: nothing is stored or sent (tracking URL http://127.0.0.1:4010/track/demo/demo/DEMO/v1/batch)\n'
    )
    expect(await run(['tenants', 'writeback', '--tenant', 'ghost', '--on'])).toMatchObject({
      code: 1,
      err: 'relay: no tenant ghost (relay tenants list shows the tenants)\n',
    })
    await expect(
      run(['tenants', 'writeback', '--tenant', 'demo', '--on', '--off'])
    ).rejects.toThrow(CliUsageError)
    await expect(run(['tenants', 'writeback', '--tenant', 'demo'])).rejects.toThrow(CliUsageError)
  })
})

describe('relay outbox', () => {
  it('status counts each state per tenant, with the oldest pending message and the last error', async () => {
    const { cli } = await withOutbox()
    const [status] = JSON.parse((await cli('outbox', 'status', '--json')).out) as Record<
      string,
      unknown
    >[]
    expect(status).toEqual({
      tenantId: 'demo',
      pending: 1,
      delivered: 1,
      dead: 1,
      oldestPendingAt: expect.stringMatching(/Z$/) as unknown,
      lastError: { at: expect.stringMatching(/Z$/) as unknown, error: 'http 400 validation_error' },
    })
    expect((await cli('outbox', 'status')).out).toMatch(
      /^TENANT +PENDING +DELIVERED +DEAD +OLDEST PENDING +LAST ERROR\ndemo +1 +1 +1 +\d+s +\S+Z http 400 validation_error\n$/
    )
  })

  it('list shows messages newest first, by state, without the customer or the properties', async () => {
    const { cli } = await withOutbox()
    const all = JSON.parse((await cli('outbox', 'list', '--tenant', 'demo', '--json')).out) as {
      messageId: string
      state: string
    }[]
    expect(all.map((m) => [m.messageId, m.state])).toEqual([
      ['m3', 'pending'],
      ['m2', 'dead'],
      ['m1', 'delivered'],
    ])
    const text = (await cli('outbox', 'list', '--tenant', 'demo', '--state', 'dead')).out
    expect(text).toMatch(
      /^MESSAGE ID +EVENT +STATE +ATTEMPTS +NEXT ATTEMPT +LAST ERROR +CREATED\nm2 +Ticket Solved +dead +1 +- +http 400 validation_error +\S+Z\n$/
    )
    const everything = (await cli('outbox', 'list', '--tenant', 'demo', '--json')).out
    for (const secret of ['example.com', 'ticket_id', 'solved"'])
      expect(everything).not.toContain(secret)
  })

  it('retry moves dead messages back to pending; purge deletes them only with --yes', async () => {
    const { cli, run, store } = await withOutbox()
    expect((await cli('outbox', 'retry', '--tenant', 'demo')).out).toBe(
      'moved 1 dead message of tenant demo back to pending\n'
    )
    await store(async (s) => {
      const claimed = await s.outbox.claimDue(CLAIM)
      expect(claimed.map((m) => [m.messageId, m.attempts])).toEqual([
        ['m2', 0],
        ['m3', 0],
      ])
      await s.outbox.markDead([{ tenantId: 'demo', messageId: 'm2' }], 'http 403')
    })
    await expect(run(['outbox', 'purge', '--tenant', 'demo'])).rejects.toThrow(
      'purge deletes dead messages for good: add --yes to go ahead'
    )
    expect(
      (await cli('outbox', 'purge', '--tenant', 'demo', '--message-id', 'm9', '--yes')).out
    ).toBe('deleted 0 dead messages of tenant demo\n')
    expect((await cli('outbox', 'purge', '--tenant', 'demo', '--yes')).out).toBe(
      'deleted 1 dead message of tenant demo\n'
    )
    const left = JSON.parse((await cli('outbox', 'list', '--tenant', 'demo', '--json')).out) as {
      messageId: string
    }[]
    expect(left.map((m) => m.messageId)).toEqual(['m3', 'm1'])
  })

  it('refuses a wrong state or limit', async () => {
    const { run } = await withOutbox()
    await expect(run(['outbox', 'list', '--tenant', 'demo', '--state', 'lost'])).rejects.toThrow(
      '--state must be one of pending, delivered, dead'
    )
    await expect(run(['outbox', 'list', '--tenant', 'demo', '--limit', '0'])).rejects.toThrow(
      CliUsageError
    )
  })

  it('says ages at a glance', () => {
    expect([12_000, 250_000, 7_500_000, 270_000_000].map(age)).toEqual([
      '12s',
      '4m10s',
      '2h5m',
      '3d3h',
    ])
  })
})
