// Event properties are attacker-controlled (anyone can send a tracking call). A `__proto__` key in
// them must never become a prototype, and is kept as the data it is (schemas/json-object.ts: the
// objects are checked, not copied key by key, so the key stays an own property).
import { describe, expect, it } from 'vitest'

import { profileEventSchema } from './event.ts'
import { traitsSchema } from './profile.ts'

const hostile = JSON.parse(
  '{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, "plain": 1}'
) as Record<string, unknown>

describe('prototype safety of parsed responses', () => {
  it('an event whose properties carry __proto__ pollutes nothing and keeps the other keys', () => {
    const event = profileEventSchema.parse({
      eventId: 'e1',
      eventTime: '2026-11-22T10:00:00.000Z',
      eventAction: 'clicked',
      rawData: { properties: hostile },
    })
    const properties = event.rawData.properties ?? {}
    expect(Object.getPrototypeOf(properties)).toBe(Object.prototype)
    expect((properties as { polluted?: unknown }).polluted).toBeUndefined()
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined()
    expect(properties.plain).toBe(1)
    expect(properties.constructor).toEqual({ prototype: { polluted: 'yes' } })
    expect(Object.hasOwn(properties, '__proto__')).toBe(true)
    expect(Object.getOwnPropertyDescriptor(properties, '__proto__')?.value).toEqual({
      polluted: 'yes',
    })
  })

  it('computed traits with __proto__ pollute nothing', () => {
    const traits = traitsSchema.parse({ id: 'c1', computed: hostile })
    expect(Object.getPrototypeOf(traits.computed)).toBe(Object.prototype)
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined()
    expect(traits.computed?.plain).toBe(1)
    expect(Object.hasOwn(traits.computed ?? {}, '__proto__')).toBe(true)
  })
})
