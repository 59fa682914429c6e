// The ZAF client index.html starts as soon as Zendesk's SDK has loaded is the one the app uses:
// calling init() again would register the app with Zendesk a second time.
import { afterEach, describe, expect, it, vi } from 'vitest'

import { initZaf, type ZafClient } from './zaf.ts'

const client = { get: vi.fn() } as unknown as ZafClient

/** The iframe's window as the SDK and index.html leave it. */
const pageWith = (page: Pick<Window, 'ZAFClient' | 'intileryZaf'>) => vi.stubGlobal('window', page)

afterEach(() => void vi.unstubAllGlobals())

describe('initZaf', () => {
  it('takes the client index.html started, without starting another', () => {
    const init = vi.fn(() => ({}) as ZafClient)
    pageWith({ ZAFClient: { init }, intileryZaf: client })
    expect(initZaf()).toBe(client)
    expect(init).not.toHaveBeenCalled()
  })

  it('is nothing outside Zendesk, where the SDK refused to start', () => {
    const init = vi.fn((): false => false)
    pageWith({ ZAFClient: { init }, intileryZaf: false })
    expect(initZaf()).toBeUndefined()
    expect(init).not.toHaveBeenCalled()
  })

  it('starts the client itself on a page that did not, and is nothing without the SDK', () => {
    pageWith({ ZAFClient: { init: () => client } })
    expect(initZaf()).toBe(client)
    pageWith({})
    expect(initZaf()).toBeUndefined()
  })
})
