import { describe, expect, it } from 'vitest'

import { parseKinds, readCustomer } from './zaf-reads.ts'
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
