import { describe, expect, it } from 'vitest'

import { readPanelParams } from './panel-params.ts'

const base = 'id=rt-1&userId=2001&companyId=1001&resource=deal&view=details&selectedIds=3'

describe('the panel URL', () => {
  it('reads the runtime id, viewer and record Pipedrive put there', () => {
    expect(readPanelParams(`?${base}&theme=dark&token=t`)).toEqual({
      runtimeId: 'rt-1',
      userId: '2001',
      companyId: '1001',
      resource: 'deal',
      selectedId: 3,
      theme: 'dark',
    })
  })

  it('reads any theme but dark as light, as the SDK does', () => {
    expect(readPanelParams(`?${base}`)?.theme).toBe('light')
    expect(readPanelParams(`?${base}&theme=sepia`)?.theme).toBe('light')
  })

  it('takes the first of several selected ids', () => {
    expect(
      readPanelParams(`?${base.replace('selectedIds=3', 'selectedIds=4,5')}`)?.selectedId
    ).toBe(4)
  })

  it.each([
    ['no runtime id', base.replace('id=rt-1&', '')],
    ['an unknown resource', base.replace('resource=deal', 'resource=lead')],
    ['a non-numeric record id', base.replace('selectedIds=3', 'selectedIds=3x')],
    ['a non-numeric user id', base.replace('userId=2001', 'userId=me')],
  ])('refuses %s', (_name, search) => {
    expect(readPanelParams(`?${search}`)).toBeUndefined()
  })
})
