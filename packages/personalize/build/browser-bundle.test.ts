import { gzipSync } from 'node:zlib'

import { describe, expect, it } from 'vitest'

import { browserBundle } from './browser-bundle.ts'

describe('the browser helper as a site serves it', () => {
  it('is one ES module of a few KB that imports nothing', async () => {
    const code = await browserBundle()
    expect(gzipSync(code).length).toBeLessThan(2_048)
    expect(code).not.toMatch(/\bimport\s*[\s{("'*]/)
    expect(code).toMatch(/export\s*\{[^}]*fetchVisitorContext/)
    // No signing code or secret handling reaches the browser.
    expect(code).not.toMatch(/importKey|HMAC/)
  })
})
