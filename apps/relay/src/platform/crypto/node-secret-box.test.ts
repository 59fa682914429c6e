import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { createNodeSecretBox } from './node-secret-box.ts'
import { createSecretBox, SecretBoxError } from './secret-box.ts'

const KEY = Buffer.alloc(32, 7).toString('base64')
const OTHER_KEY = Buffer.alloc(32, 8).toString('base64')

describe('createNodeSecretBox', () => {
  it('opens what the WebCrypto box sealed and seals what it opens, for any text and context', async () => {
    const web = await createSecretBox(KEY)
    const node = createNodeSecretBox(KEY)
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary' }), fc.string(), async (text, context) => {
        expect(await node.open(await web.seal(text, context), context)).toBe(text)
        expect(await web.open(await node.seal(text, context), context)).toBe(text)
      }),
      { numRuns: 200 }
    )
  })

  it('refuses another record, another key, a tampered value and what is not sealed', async () => {
    const node = createNodeSecretBox(KEY)
    const sealed = await node.seal('joe@example.com', 'tenant:acme:outbox:m1')
    const refused = (promise: Promise<string>) => expect(promise).rejects.toThrow(SecretBoxError)
    await refused(node.open(sealed, 'tenant:acme:outbox:m2'))
    await refused(createNodeSecretBox(OTHER_KEY).open(sealed, 'tenant:acme:outbox:m1'))
    const [version, iv, data = ''] = sealed.split('.')
    const flipped = `${data.slice(0, 5)}${data[5] === 'A' ? 'B' : 'A'}${data.slice(6)}`
    await refused(node.open(`${version}.${iv}.${flipped}`, 'tenant:acme:outbox:m1'))
    await refused(node.open(`${version}.${iv}.AAAA`, 'tenant:acme:outbox:m1'))
    await refused(node.open('joe@example.com', 'tenant:acme:outbox:m1'))
  })

  it('seals with a fresh IV every time', async () => {
    const node = createNodeSecretBox(KEY)
    expect(await node.seal('same', 'ctx')).not.toBe(await node.seal('same', 'ctx'))
  })

  it('takes only a 32-byte key', () => {
    expect(() => createNodeSecretBox(Buffer.alloc(16).toString('base64'))).toThrow(SecretBoxError)
  })
})
