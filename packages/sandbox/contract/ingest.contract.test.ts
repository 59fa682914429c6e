// Contract rows: tracking ingest (identify, track, page, screen, batch) visible to the Profile API at once.
import { createProfileRef } from '@intilery-connect/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { expectErrorBody, startContractTarget, type ContractTarget } from './harness.ts'

let target: ContractTarget
beforeAll(async () => {
  target = await startContractTarget()
})
afterAll(() => target.stop())

describe('tracking ingest', () => {
  it('identify creates a profile whose traits, email index and meta update at once', async () => {
    const userId = 'ingest-identify-1'
    const response = await target.track('identify', {
      userId,
      traits: { email: 'New.Person@Example.com', firstName: 'New', plan: 'pro' },
      timestamp: new Date().toISOString(),
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('x-amzn-RequestId')).toEqual(expect.any(String))
    const client = target.client()
    const traits = await client.traits(createProfileRef('userId', userId))
    expect(traits.profile).toMatchObject({ firstName: 'New', plan: 'pro', userId })
    const byEmail = await client.traits(createProfileRef('email', 'new.person@example.com'))
    expect(byEmail.profiles.map((p) => p.userId)).toEqual([userId])
  })

  it('track, page and screen become events with first/last event and last activity', async () => {
    const userId = 'ingest-track-1'
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString()
    await target.track('page', {
      userId,
      name: 'Pricing',
      properties: { path: '/pricing', title: 'Pricing' },
      timestamp: at(30),
    })
    await target.track('screen', { userId, name: 'Home', timestamp: at(20) })
    await target.track('track', {
      userId,
      event: 'Order Completed',
      properties: { total: 42, currency: 'GBP' },
      timestamp: at(10),
    })
    await target.track('track', {
      userId,
      event: 'Order Completed',
      properties: { total: 7, currency: 'GBP' },
      timestamp: at(5),
    })
    const ref = createProfileRef('userId', userId)
    const client = target.client()
    const page = await client.events(ref)
    expect(page.data.map((e) => e.eventAction)).toEqual([
      'order_completed',
      'order_completed',
      'screen_viewed',
      'page_viewed',
    ])
    expect(page.data[0]?.rawData).toMatchObject({
      action: 'track',
      event: 'Order Completed',
      properties: { total: 7 },
    })
    const meta = await client.meta(ref)
    expect(meta.profile.firstEvent?.order_completed?.properties).toMatchObject({ total: 42 })
    expect(meta.profile.lastEvent?.order_completed?.properties).toMatchObject({ total: 7 })
    expect(meta.profile.lastActivityTime).toBe(page.data[0]?.eventTime)
  })

  it('batch applies every message, and an anonymous visitor who identifies keeps their history', async () => {
    const anonymousId = 'anon-batch-1'
    const response = await target.track('batch', {
      batch: [
        { type: 'page', anonymousId, name: 'Landing', properties: { path: '/' } },
        { type: 'track', anonymousId, event: 'Trial Started' },
        {
          type: 'identify',
          anonymousId,
          userId: 'batch-user-1',
          traits: { email: 'batch@example.com' },
        },
      ],
    })
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ success: true, accepted: 3 })
    const events = await target
      .client()
      .events(createProfileRef('userId', 'batch-user-1'), { sort: 'asc' })
    expect(events.data.map((e) => e.eventAction)).toEqual([
      'page_viewed',
      'trial_started',
      'identify',
    ])
  })

  it('a repeated messageId is stored once', async () => {
    const message = { userId: 'dedupe-1', event: 'Clicked', messageId: 'msg-1' }
    await target.track('track', message)
    await target.track('track', message)
    const events = await target.client().events(createProfileRef('userId', 'dedupe-1'))
    expect(events.data).toHaveLength(1)
  })

  it.each([
    ['no userId or anonymousId', 'track', { event: 'X' }, 'userId or anonymousId is required'],
    ['track without event', 'track', { userId: 'u' }, 'event'],
    ['a bad timestamp', 'identify', { userId: 'u', timestamp: 'today' }, 'timestamp'],
    ['an empty batch', 'batch', { batch: [] }, 'batch'],
    ['a batch item without a type', 'batch', { batch: [{ userId: 'u' }] }, 'batch'],
  ])('%s is 400 validation_error', async (_label, kind, body, mentions) => {
    const response = await target.track(kind, body)
    expect(response.status).toBe(400)
    const error = await expectErrorBody(response)
    expect(error.code).toBe('validation_error')
    expect(error.message).toContain(mentions)
  })

  it('ingest needs the auth token and a JSON content type', async () => {
    const noAuth = await fetch(`${target.sandbox.apiRoot}/track`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'u', event: 'X' }),
    })
    expect(noAuth.status).toBe(401)
    const text = await fetch(`${target.sandbox.apiRoot}/track`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'auth-token': target.sandbox.config.authToken },
      body: JSON.stringify({ userId: 'u', event: 'X' }),
    })
    expect(text.status).toBe(400)
  })
})
