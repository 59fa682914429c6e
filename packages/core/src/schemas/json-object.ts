/**
 * @module schemas/json-object
 * A JSON object whose keys are data, checked but not copied. z.record rebuilds the object key by
 * key, and a key named `__proto__` (tracked data may have one) then sets the copy's prototype
 * instead of staying a key: the property vanished from the data (an export lost it) and its value
 * showed through the prototype chain.
 */
import { z } from 'zod/mini'

export const jsonObjectSchema = z.custom<Record<string, unknown>>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  { error: 'expected an object' }
)
