import type { Presentation } from '@intilery-connect/core'
import { describe, expect, it } from 'vitest'

import type { PresentationReader, Tenant } from '../ports.ts'
import { panelDisplays } from './panel-display.ts'

const tenant = (clientId: string, accountId = 'acct'): Tenant => ({
  id: 'acme',
  name: 'Acme',
  intilery: { baseUrl: 'https://api.example', clientId, accountId, brandId: 'b', authToken: 't' },
})
const presentation: Presentation = { header: [{ trait: 'orders_count', format: 'number' }] }

/** Settings by tenant id; answers the same object while unchanged, as the store does. */
function reader(settings: Record<string, Awaited<ReturnType<PresentationReader['get']>>>) {
  const reads: string[] = []
  return {
    reads,
    reader: {
      get: (id: string) => {
        reads.push(id)
        return Promise.resolve(settings[id])
      },
    } satisfies PresentationReader,
  }
}

describe('panelDisplays', () => {
  it('sends the defaults and the built record link when nothing is set', async () => {
    const { reader: r } = reader({ acme: {} })
    expect(await panelDisplays(r)(tenant('acme'))).toEqual({
      presentation: {},
      recordUrl: 'https://acme.acct.intilery.com/customers/{id}',
    })
  })

  it('sends the tenant’s presentation and its own record link', async () => {
    const { reader: r } = reader({
      acme: { presentation, recordUrl: 'https://crm.example.com/c/{id}' },
    })
    expect(await panelDisplays(r)(tenant('acme'))).toEqual({
      presentation,
      recordUrl: 'https://crm.example.com/c/{id}',
    })
  })

  it('sends no record link when the Intilery ids cannot make a host name', async () => {
    const { reader: r } = reader({ acme: { presentation } })
    const display = await panelDisplays(r)(tenant('acme.evil.com'))
    expect(display).toEqual({ presentation })
    expect(display).not.toHaveProperty('recordUrl')
  })

  it('reads the settings on every call, and answers one object while they stay the same', async () => {
    const settings = { presentation }
    const { reader: r, reads } = reader({ acme: settings })
    const displayFor = panelDisplays(r)
    const first = await displayFor(tenant('acme'))
    expect(await displayFor(tenant('acme'))).toBe(first)
    expect(reads).toEqual(['acme', 'acme'])
    // The same settings with other Intilery ids: another link, so another display.
    expect((await displayFor(tenant('other'))).recordUrl).toBe(
      'https://other.acct.intilery.com/customers/{id}'
    )
  })

  it('gives a tenant removed since its caller was authenticated the defaults', async () => {
    const { reader: r } = reader({})
    expect((await panelDisplays(r)(tenant('acme'))).presentation).toEqual({})
  })
})
