import { describe, expect, it } from 'vitest'

import { UnauthenticatedError } from '../../../platform/errors.ts'
import { createLinkSigner } from './signed-links.ts'

describe('signed links', () => {
  const clock = { ms: Date.now() }
  const links = createLinkSigner('client-secret-value', () => clock.ms)

  it('give back their claims for their own purpose only', async () => {
    const ticket = await links.sign('setup', { companyId: '1001' }, 60)
    expect(await links.verify('setup', ticket)).toEqual({ companyId: '1001' })
    await expect(links.verify('oauth_state', ticket)).rejects.toBeInstanceOf(UnauthenticatedError)
  })

  it('expire, and cannot be made by another secret', async () => {
    const ticket = await links.sign('setup', { companyId: '1001' }, 60)
    clock.ms += 61_000
    await expect(links.verify('setup', ticket)).rejects.toThrow('invalid or has expired')
    const other = createLinkSigner('another-secret-value', () => clock.ms)
    const forged = await other.sign('setup', { companyId: '1001' }, 60)
    await expect(links.verify('setup', forged)).rejects.toBeInstanceOf(UnauthenticatedError)
  })

  it('keep time by the injected clock alone, also when it is ahead of the real one', async () => {
    const ahead = { ms: Date.parse('2100-01-01T00:00:00Z') }
    const future = createLinkSigner('client-secret-value', () => ahead.ms)
    const ticket = await future.sign('setup', { companyId: '1001' }, 60)
    expect(await future.verify('setup', ticket)).toEqual({ companyId: '1001' })
    ahead.ms += 61_000
    await expect(future.verify('setup', ticket)).rejects.toThrow('invalid or has expired')
  })
})
