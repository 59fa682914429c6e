import { afterEach, describe, expect, it } from 'vitest'

import { loadLocale } from '../i18n/locale.ts'
import { formatHeader } from '../presentation/format-header.ts'
import { formatTimeline } from './format-timeline.ts'
import { joe, joeTimeline, NOW } from './test/fixtures.ts'
import { warmFormatters } from './warm-formatters.ts'

await loadLocale('nl')

/**
 * Counts the Intl formatters built while `run` runs (proxies standing in for Intl's constructors), but
 * currency formatters: which currencies the values carry is data, left to first use.
 */
function intlBuiltDuring(run: () => void): number {
  const real = {
    DateTimeFormat: Intl.DateTimeFormat,
    NumberFormat: Intl.NumberFormat,
    RelativeTimeFormat: Intl.RelativeTimeFormat,
    ListFormat: Intl.ListFormat,
    PluralRules: Intl.PluralRules,
  }
  let built = 0
  const counting = <T extends abstract new (...args: never) => unknown>(Real: T): T =>
    new Proxy(Real, {
      construct(target, args: unknown[]) {
        const options = args[1]
        const currency = typeof options === 'object' && options !== null && 'currency' in options
        if (!currency) built++
        return Reflect.construct(target, args) as object
      },
    })
  Object.assign(Intl, {
    DateTimeFormat: counting(real.DateTimeFormat),
    NumberFormat: counting(real.NumberFormat),
    RelativeTimeFormat: counting(real.RelativeTimeFormat),
    ListFormat: counting(real.ListFormat),
    PluralRules: counting(real.PluralRules),
  })
  restore = () => Object.assign(Intl, real)
  try {
    run()
  } finally {
    restore()
  }
  return built
}
let restore = () => {}
afterEach(() => restore())

describe('warmFormatters', () => {
  // A locale and zone no other test here formats in, so the shared caches start cold for them.
  const options = { locale: 'nl-BE', timeZone: 'Asia/Kolkata' }

  it('leaves a first timeline page and header no Intl formatter to build (they would otherwise)', () => {
    const first = () => {
      formatTimeline(joeTimeline(), { ...options, now: NOW })
      formatHeader(joe(), {}, options)
    }
    const cold = { locale: 'nl-NL', timeZone: 'America/Lima' }
    expect(
      intlBuiltDuring(() => {
        formatTimeline(joeTimeline(), { ...cold, now: NOW })
        formatHeader(joe(), {}, cold)
      })
    ).toBeGreaterThan(3)

    expect(intlBuiltDuring(() => warmFormatters(options))).toBeGreaterThan(3)
    expect(intlBuiltDuring(first)).toBe(0)
  })

  it('builds nothing twice', () => {
    warmFormatters({ locale: 'ja', timeZone: 'Asia/Tokyo' })
    expect(intlBuiltDuring(() => warmFormatters({ locale: 'ja', timeZone: 'Asia/Tokyo' }))).toBe(0)
  })
})
