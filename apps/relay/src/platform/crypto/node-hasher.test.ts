import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { createHasher } from './hmac.ts'
import { createNodeHasher } from './node-hasher.ts'

describe('createNodeHasher', () => {
  it('hashes exactly as the WebCrypto hasher does, for any key and text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, unit: 'binary' }),
        fc.string({ unit: 'binary' }),
        async (key, text) => {
          const web = await createHasher(key)
          expect(await createNodeHasher(key)(text)).toBe(await web(text))
        }
      ),
      { numRuns: 300 }
    )
  })

  it('depends on the key', async () => {
    const text = 'email:joe.bloggs@intilery.com'
    expect(await createNodeHasher('key-one')(text)).not.toBe(
      await createNodeHasher('key-two')(text)
    )
  })
})
