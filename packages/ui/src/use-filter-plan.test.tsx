// @vitest-environment happy-dom
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { NO_FILTER, type FilterState } from './filter-state.ts'
import type { FilterPlanState } from './use-filter-plan.ts'

const FORMAT = { locale: 'en', timeZone: 'UTC' }
const EMAILS: FilterState = { ...NO_FILTER, kinds: ['email'] }

/** A fresh copy of the hook's module (its planner not loaded yet), rendered with `filter`. */
async function harness() {
  vi.resetModules()
  const module = await import('./use-filter-plan.ts')
  const seen: FilterPlanState[] = []
  function Probe({ filter }: { filter: FilterState }) {
    seen.push(module.useFilterPlan(filter, [], FORMAT))
    return null
  }
  const root = document.createElement('div')
  const show = (filter: FilterState) => act(() => render(<Probe filter={filter} />, root))
  return { module, seen, show, last: () => seen.at(-1) }
}

afterEach(() => {
  vi.doUnmock('./timeline-filter-plan.ts')
  vi.resetModules()
})

describe('useFilterPlan', () => {
  it('plans nothing, and is not busy, when nothing is filtered', async () => {
    const { module, show, last } = await harness()
    await show(NO_FILTER)
    expect(last()).toEqual({ plan: undefined, planning: false, failed: false })
    await act(async () => void (await module.loadFilterPlanner()))
    expect(last()).toEqual({ plan: undefined, planning: false, failed: false })
  })

  it('is busy while a filter set at once waits for the planner, then plans it', async () => {
    const { module, show, last } = await harness()
    await show(EMAILS)
    expect(last()).toMatchObject({ plan: undefined, planning: true, failed: false })
    await act(async () => void (await module.loadFilterPlanner()))
    expect(last()?.planning).toBe(false)
    expect(last()?.plan?.query.include).toEqual(
      expect.arrayContaining(['email_opened', 'email_sent'])
    )
  })

  it('says a planner that cannot load failed, and tries again when the filter changes', async () => {
    let refuse = true
    vi.doMock('./timeline-filter-plan.ts', async (original) => {
      if (refuse) throw new Error('chunk not loaded')
      return await original()
    })
    const { module, show, last } = await harness()
    await show(EMAILS)
    await act(async () => void (await module.loadFilterPlanner().catch(() => undefined)))
    expect(last()).toMatchObject({ plan: undefined, planning: false, failed: true })

    refuse = false
    await show({ ...EMAILS, kinds: ['email', 'page'] })
    await act(async () => void (await module.loadFilterPlanner()))
    expect(last()).toMatchObject({ planning: false, failed: false })
    expect(last()?.plan?.query.include).toEqual(expect.arrayContaining(['email_opened', 'page']))
  })
})
