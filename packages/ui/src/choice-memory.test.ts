// The agent's choice in the browser's storage: kept per scope and requester, read back only when it
// is a profile id, and a browser that refuses storage gives a memory that says so.
import { describe, expect, it } from 'vitest'

import { browserChoiceMemory, choiceKey, type ChoiceStorage } from './choice-memory.ts'

function storage(): ChoiceStorage & { items: Map<string, string> } {
  const items = new Map<string, string>()
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  }
}

describe('browserChoiceMemory', () => {
  it('keeps a choice per scope and requester; emails compare case-insensitively', () => {
    const kept = storage()
    const acme = browserChoiceMemory(() => kept, 'zendesk:acme:1')
    const other = browserChoiceMemory(() => kept, 'zendesk:other:7')
    const key = choiceKey({ type: 'email', value: ' Sam.Taylor@Example.com ' })
    expect(key).toBe('email:sam.taylor@example.com')
    expect(acme.set(key, 'p-2')).toBe(true)
    expect(acme.get(choiceKey({ type: 'email', value: 'sam.taylor@example.com' }))).toBe('p-2')
    expect(acme.get(choiceKey({ type: 'userId', value: 'sam.taylor@example.com' }))).toBeUndefined()
    expect(other.get(key)).toBeUndefined()
    acme.clear(key)
    expect(acme.get(key)).toBeUndefined()
    // Only the probe's traces would be left, and it removes them.
    expect(kept.items.size).toBe(0)
  })

  it('drops what is not a choice it wrote', () => {
    const kept = storage()
    const memory = browserChoiceMemory(() => kept, 's')
    for (const junk of [
      'not json',
      '{"id":""}',
      '{"id":42}',
      'null',
      JSON.stringify({ id: 'x'.repeat(2000) }),
    ]) {
      kept.items.set('intilery-connect.choice.v1:s:email:a@b.c', junk)
      expect(memory.get('email:a@b.c')).toBeUndefined()
      expect(kept.items.size).toBe(0)
    }
  })

  it('is unavailable where reading localStorage itself throws (blocked site data)', () => {
    const memory = browserChoiceMemory(() => {
      throw new DOMException('The operation is insecure.', 'SecurityError')
    }, 's')
    expect(memory.available).toBe(false)
    expect(memory.set('email:a@b.c', 'p')).toBe(false)
    expect(memory.get('email:a@b.c')).toBeUndefined()
  })

  it('says a choice was not kept when a later write fails, and reads nothing when reads fail', () => {
    const kept = storage()
    let failing = false
    const flaky: ChoiceStorage = {
      getItem: (key) => {
        if (failing) throw new DOMException('denied', 'SecurityError')
        return kept.getItem(key)
      },
      setItem: (key, value) => {
        if (failing) throw new DOMException('full', 'QuotaExceededError')
        kept.setItem(key, value)
      },
      removeItem: (key) => kept.removeItem(key),
    }
    const memory = browserChoiceMemory(() => flaky, 's')
    expect(memory.set('k', 'p')).toBe(true)
    failing = true
    expect(memory.available).toBe(true)
    expect(memory.set('k', 'q')).toBe(false)
    expect(memory.get('k')).toBeUndefined()
  })
})
