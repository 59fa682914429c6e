// The agent's choice kept by the relay: written with PUT and DELETE through the host's channel
// (with the record where the host keeps choices per record), read from the context answer,
// failures passed on as the channel's RelayCallError, and writes sent in the order they were made.
import type { CustomerContext } from '@intilery-connect/core'
import { describe, expect, it, vi } from 'vitest'

import { choiceKey, relayChoiceMemory } from './choice-memory.ts'
import type { Lookup, RelaySend } from './relay-client.ts'
import { RelayCallError } from './relay-error.ts'

const SAMS: Lookup = { type: 'email', value: 'sam.taylor@example.com' }

/** A relay channel answering each write as the relay does. */
function channel() {
  const send = vi.fn<RelaySend>((method, _path, _query, body) =>
    Promise.resolve({
      choice: method === 'PUT' ? { id: (body as { id: string }).id } : null,
    })
  )
  return send
}

describe('choiceKey', () => {
  it('keys a requester by id type and value; emails compare case-insensitively', () => {
    expect(choiceKey({ type: 'email', value: ' Sam.Taylor@Example.com ' })).toBe(
      'email:sam.taylor@example.com'
    )
    expect(choiceKey({ type: 'userId', value: 'Sam' })).toBe('userId:Sam')
  })
})

describe('relayChoiceMemory', () => {
  it('remembers with a PUT naming the requester and the id, and forgets with a DELETE', async () => {
    const send = channel()
    const memory = relayChoiceMemory(send, '/zendesk/v1')
    await memory.set(SAMS, 'p-2')
    await memory.clear(SAMS)
    expect(send.mock.calls).toEqual([
      ['PUT', '/zendesk/v1/choice', {}, { lookup: SAMS, id: 'p-2' }],
      ['DELETE', '/zendesk/v1/choice', { email: SAMS.value }],
    ])
  })

  it('names the record where the host keeps choices per record (Pipedrive)', async () => {
    const send = channel()
    const memory = relayChoiceMemory(send, '/pipedrive/v1', 'person:42')
    await memory.set(SAMS, 'p-2')
    await memory.clear(SAMS)
    expect(send.mock.calls).toEqual([
      ['PUT', '/pipedrive/v1/choice', {}, { lookup: SAMS, id: 'p-2', scope: 'person:42' }],
      ['DELETE', '/pipedrive/v1/choice', { email: SAMS.value, scope: 'person:42' }],
    ])
  })

  it('reads the choice the relay answered with the requester’s context', () => {
    const memory = relayChoiceMemory(channel(), '/zendesk/v1')
    const context = {
      match: 'many',
      profiles: [],
      choice: { id: 'p-2' },
    } as unknown as CustomerContext
    expect(memory.get(context)).toBe('p-2')
    expect(memory.get({ ...context, choice: undefined })).toBeUndefined()
  })

  it('rejects with the channel’s failure, and when the relay does not say it kept the choice', async () => {
    const refused = new RelayCallError('misconfigured', 'refused', { status: 401 })
    const failing = relayChoiceMemory(() => Promise.reject(refused), '/zendesk/v1')
    await expect(failing.set(SAMS, 'p-2')).rejects.toBe(refused)
    await expect(failing.clear(SAMS)).rejects.toBe(refused)

    for (const answer of [{}, { choice: { id: 'someone-else' } }, { choice: null }, 'ok']) {
      const odd = relayChoiceMemory(() => Promise.resolve(answer), '/zendesk/v1')
      const error: unknown = await odd.set(SAMS, 'p-2').catch((e: unknown) => e)
      expect(error).toBeInstanceOf(RelayCallError)
      expect((error as RelayCallError).failure).toBe('malformed')
    }
  })

  it('sends each write only once the one before it was answered, even a failed one', async () => {
    const answers: ((value: unknown) => void)[] = []
    const send = vi.fn<RelaySend>(
      () =>
        new Promise((resolve) => {
          answers.push(resolve)
        })
    )
    const memory = relayChoiceMemory(send, '/zendesk/v1')
    const picked = memory.set(SAMS, 'p-2')
    const changed = memory.clear(SAMS)
    await Promise.resolve()
    expect(send).toHaveBeenCalledTimes(1)
    // A malformed answer fails the pick, and the forget goes out after it all the same.
    answers[0]?.({ nonsense: true })
    await expect(picked).rejects.toBeInstanceOf(RelayCallError)
    expect(send).toHaveBeenCalledTimes(2)
    expect(send.mock.calls[1]?.[0]).toBe('DELETE')
    answers[1]?.({ choice: null })
    await expect(changed).resolves.toBeUndefined()
  })
})
