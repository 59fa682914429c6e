import { describe, expect, it, vi } from 'vitest'

import { readFileSync } from 'node:fs'
import { runInNewContext } from 'node:vm'

import { loadLocale } from '@intilery-connect/core'

import {
  parseKinds,
  readAgent,
  readAgentAndCustomer,
  readCustomer,
  readInstallation,
  readLocation,
  SetupError,
} from './zaf-reads.ts'
import type { ZafClient } from './zaf.ts'

const zafWith = (values: Record<string, unknown>) =>
  ({ get: (path: string) => Promise.resolve({ [path]: values[path] }) }) as unknown as ZafClient

describe('readCustomer', () => {
  it('looks up the ticket requester by email, else by external id', async () => {
    expect(
      await readCustomer(zafWith({ 'ticket.requester': { email: ' a@b.c ' } }), 'ticket_sidebar')
    ).toEqual({ type: 'email', value: 'a@b.c' })
    expect(
      await readCustomer(
        zafWith({ 'ticket.requester': { email: null, externalId: 4242 } }),
        'ticket_sidebar'
      )
    ).toEqual({ type: 'userId', value: '4242' })
  })

  it('reads the user in the user sidebar, and nobody on a new ticket without a requester', async () => {
    expect(await readCustomer(zafWith({ user: { email: 'u@b.c' } }), 'user_sidebar')).toEqual({
      type: 'email',
      value: 'u@b.c',
    })
    expect(
      await readCustomer(zafWith({ 'ticket.requester': null }), 'new_ticket_sidebar')
    ).toBeUndefined()
  })
})

describe('readCustomer when Zendesk refuses the read', () => {
  const refusing = { get: () => Promise.reject(new Error('"ticket.requester" not found')) }
  it('means nobody yet on a new ticket, and is an error anywhere else', async () => {
    const zaf = refusing as unknown as ZafClient
    expect(await readCustomer(zaf, 'new_ticket_sidebar')).toBeUndefined()
    await expect(readCustomer(zaf, 'ticket_sidebar')).rejects.toThrow('not found')
  })
})

describe('parseKinds', () => {
  it('keeps the timeline kinds it knows, in order, and ignores the rest', () => {
    expect(parseKinds(' Email, page,orders , commerce')).toEqual(['email', 'page', 'commerce'])
    expect(parseKinds(undefined)).toEqual([])
    expect(parseKinds('')).toEqual([])
  })
})

describe('readInstallation', () => {
  const zafWithSettings = (settings: Record<string, unknown>, installationId?: unknown) =>
    ({
      context: () =>
        Promise.resolve({ location: 'ticket_sidebar', account: { subdomain: 'acme' } }),
      metadata: () => Promise.resolve({ settings, installationId }),
    }) as unknown as ZafClient

  const HOSTS = ['relay.acme.example', '127.0.0.1']

  it('reads the relay URL and the default event kinds', async () => {
    expect(
      await readInstallation(
        zafWithSettings(
          {
            relay_url: 'https://relay.acme.example/',
            default_event_filter: 'email',
          },
          360001
        ),
        HOSTS
      )
    ).toEqual({
      location: 'ticket_sidebar',
      subdomain: 'acme',
      installationId: '360001',
      relayUrl: 'https://relay.acme.example',
      defaultKinds: ['email'],
      headerFields: [],
    })
    await expect(
      readInstallation(zafWithSettings({ relay_url: 'http://127.0.0.1:8787' }), HOSTS)
    ).resolves.toMatchObject({ relayUrl: 'http://127.0.0.1:8787', installationId: 'preview' })
  })

  it('reads the header fields: trait keys in order, trimmed, empty and repeated ones dropped', async () => {
    const read = (header_fields: unknown) =>
      readInstallation(
        zafWithSettings({ relay_url: 'https://relay.acme.example', header_fields }),
        HOSTS
      )
    expect((await read(' orders_count, lifetime_value,,orders_count ')).headerFields).toEqual([
      'orders_count',
      'lifetime_value',
    ])
    // Zendesk gives an optional setting an admin never filled as null, or leaves it out.
    expect((await read(null)).headerFields).toEqual([])
    expect((await read(undefined)).headerFields).toEqual([])
    expect((await read('')).headerFields).toEqual([])
    const many = Array.from({ length: 10 }, (_, i) => `trait_${i}`)
    expect((await read(many.join(','))).headerFields).toEqual(many.slice(0, 8))
  })

  it.each([
    ['missing', {}, 'The Relay URL setting is empty'],
    [
      'not a URL',
      { relay_url: 'relay.acme.example' },
      '(“relay.acme.example”) is not a web address',
    ],
    [
      'plain http off this machine',
      { relay_url: 'http://relay.acme.example' },
      'must start with https://',
    ],
    [
      'a host this build was not made for',
      { relay_url: 'https://relay.other.example' },
      'points at relay.other.example, but this copy of the app was built for relay.acme.example, 127.0.0.1',
    ],
  ])('tells the admin what to fix when the relay URL is %s', async (_name, settings, text) => {
    const error = await readInstallation(zafWithSettings(settings), HOSTS).catch(
      (caught: unknown) => caught
    )
    if (!(error instanceof SetupError)) throw new Error('expected a SetupError')
    await loadLocale('en')
    expect(error.textIn('en')).toContain(text)
    expect(error.textIn('en')).toContain('Admin Center › Apps and integrations')
  })

  it('says the setup mistake in the agent’s language', async () => {
    const error = await readInstallation(
      zafWithSettings({ relay_url: 'https://relay.other.example' }),
      HOSTS
    ).catch((caught: unknown) => caught)
    if (!(error instanceof SetupError)) throw new Error('expected a SetupError')
    await Promise.all(['de', 'ja', 'fr'].map((locale) => loadLocale(locale)))
    expect(error.textIn('de')).toContain(
      'Die Einstellung „Relay URL“ zeigt auf relay.other.example, diese Kopie der App wurde aber für relay.acme.example, 127.0.0.1 erstellt'
    )
    expect(error.textIn('ja')).toContain('「Relay URL」設定はrelay.other.exampleを指しています')
    expect(error.textIn('fr')).toContain('ZENDESK_RELAY_DOMAINS=relay.other.example')
  })
})

describe('readAgent', () => {
  it('reads the agent’s id and locale in one call, with English when Zendesk gives none', async () => {
    const get = vi.fn((paths: string[]) =>
      Promise.resolve(
        paths.includes('currentUser.locale')
          ? { 'currentUser.id': 501, 'currentUser.locale': 'de' }
          : {}
      )
    )
    expect(await readAgent({ get } as unknown as ZafClient)).toEqual({ id: '501', locale: 'de' })
    expect(get).toHaveBeenCalledTimes(1)
    const bare = { get: () => Promise.resolve({ errors: {} }) } as unknown as ZafClient
    expect(await readAgent(bare)).toEqual({ id: 'unknown', locale: 'en' })
  })
})

describe('readAgentAndCustomer', () => {
  /** Zendesk's bulk get: the values it has, and an `errors` entry for each path it has not. */
  const bulkZaf = (values: Record<string, unknown>) => {
    const get = vi.fn((paths: string[]) => {
      const answer: Record<string, unknown> = { errors: {} }
      for (const path of paths)
        if (Object.hasOwn(values, path)) answer[path] = values[path]
        else (answer.errors as Record<string, unknown>)[path] = { message: 'is not available here' }
      return Promise.resolve(answer)
    })
    return { zaf: { get } as unknown as ZafClient, get }
  }
  const agent = { 'currentUser.id': 501, 'currentUser.locale': 'de' }

  it('reads the agent and the ticket requester in one get', async () => {
    const { zaf, get } = bulkZaf({ ...agent, 'ticket.requester': { email: ' a@b.c ' } })
    const read = readAgentAndCustomer(zaf, 'ticket_sidebar')
    expect(await read.agent).toEqual({ id: '501', locale: 'de' })
    expect(await read.customer).toEqual({ type: 'email', value: 'a@b.c' })
    expect(get).toHaveBeenCalledTimes(1)
    expect(get).toHaveBeenCalledWith(['currentUser.id', 'currentUser.locale', 'ticket.requester'])
  })

  it('reads the user in the user sidebar, by external id when there is no email', async () => {
    const { zaf, get } = bulkZaf({ ...agent, user: { email: null, externalId: 4242 } })
    const read = readAgentAndCustomer(zaf, 'user_sidebar')
    expect(await read.customer).toEqual({ type: 'userId', value: '4242' })
    expect(get).toHaveBeenCalledWith(['currentUser.id', 'currentUser.locale', 'user'])
  })

  it("takes index.html's early get for its location instead of asking again, and asks when it was for another", async () => {
    const { zaf, get } = bulkZaf({ ...agent, user: { email: 'u@b.c' } })
    const early = Promise.resolve({
      location: 'ticket_sidebar',
      answer: { ...agent, 'ticket.requester': { email: 'early@b.c' } },
    })
    const read = readAgentAndCustomer(zaf, 'ticket_sidebar', early)
    expect(await read.customer).toEqual({ type: 'email', value: 'early@b.c' })
    expect(await read.agent).toEqual({ id: '501', locale: 'de' })
    expect(get).not.toHaveBeenCalled()
    expect(await readAgentAndCustomer(zaf, 'user_sidebar', early).customer).toEqual({
      type: 'email',
      value: 'u@b.c',
    })
    expect(get).toHaveBeenCalledTimes(1)
  })

  it.each(['ticket_sidebar', 'new_ticket_sidebar', 'user_sidebar'])(
    "index.html's early get in the %s is exactly the get readAgentAndCustomer makes",
    async (location) => {
      const html = readFileSync(new URL('./index.html', import.meta.url), 'utf8')
      // The inline script that starts the client (the other one only warms ICU's data).
      const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)]
        .map((m) => m[1] ?? '')
        .filter((script) => script.includes('intileryFirstGet'))
      expect(inline).toHaveLength(1)
      const values = { ...agent, 'ticket.requester': { email: 'a@b.c' }, user: {} }
      const { zaf, get } = bulkZaf(values)
      const withContext = { ...zaf, context: () => Promise.resolve({ location }) } as ZafClient
      const window: Record<string, unknown> = {
        ZAFClient: { init: () => withContext },
      }
      runInNewContext(inline[0] ?? '', { window })
      const early = await (window.intileryFirstGet as Promise<{ location: string }>)
      expect(early.location).toBe(location)
      const direct = bulkZaf(values)
      await readAgentAndCustomer(direct.zaf, location).customer
      expect(get.mock.calls).toEqual(direct.get.mock.calls)
    }
  )

  it('treats a requester Zendesk cannot read as readCustomer does: nobody on a new ticket, an error elsewhere', async () => {
    const { zaf } = bulkZaf(agent)
    expect(await readAgentAndCustomer(zaf, 'new_ticket_sidebar').customer).toBeUndefined()
    const read = readAgentAndCustomer(zaf, 'ticket_sidebar')
    await expect(read.customer).rejects.toThrow('"ticket.requester" is not available here')
    // The agent is still known, for the message in their language.
    expect(await read.agent).toEqual({ id: '501', locale: 'de' })
  })
})

describe('readLocation', () => {
  it('is where Zendesk registered the app, and a setup error when it does not say', async () => {
    const zafIn = (context: unknown) =>
      ({ context: () => Promise.resolve(context) }) as unknown as ZafClient
    expect(
      await readLocation(zafIn({ location: 'user_sidebar', account: { subdomain: 'acme' } }))
    ).toBe('user_sidebar')
    await expect(readLocation(zafIn({}))).rejects.toBeInstanceOf(SetupError)
  })
})
