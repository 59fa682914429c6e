import { describe, expect, it } from 'vitest'

import { SUPPORTED_LOCALES } from '../i18n/catalogues/index.ts'
import { createTranslator, t } from '../i18n/locale.ts'
import { loadAllLocales } from '../format/test/fixtures.ts'
import { canonicalKey, humanizeKey, KNOWN_FIELDS } from './humanize-key.ts'

await loadAllLocales()

const RAW_KEY = /[_]|[a-z][A-Z]/
const MESSAGE_ID = /^(common|profile|timeline)\.[A-Za-z]/

describe('humanizeKey', () => {
  it.each([
    ['number_email_opened_all_time', 'Emails opened (all time)'],
    ['number_email_delivered_all_time', 'Emails delivered (all time)'],
    ['number_email_opened_30_days', 'Emails opened (30 days)'],
    ['pages_viewed_30_days', 'Pages viewed (30 days)'],
    ['orders_count', 'Orders'],
    ['ordersCount', 'Orders'],
    ['lifetime_value_gbp', 'Lifetime value'],
    ['lifetimeValue', 'Lifetime value'],
    ['days_since_last_seen', 'Days since last seen'],
    ['churn_risk', 'Churn risk'],
    ['last_order_date', 'Last order'],
    ['total_spend', 'Total spend'],
    ['jobTitle', 'Job title'],
  ])('labels the well-known key %s as "%s"', (key, label) => {
    expect(humanizeKey(key)).toBe(label)
  })

  it.each([
    ['number_sms_sent_30_days', 'SMS sent (30 days)'],
    ['number_of_visit_all_time', 'Visits (all time)'],
    ['logins_count', 'Logins'],
    ['visit_count', 'Visit count'],
    ['preferredStoreId', 'Preferred store ID'],
    ['basket_value_eur', 'Basket value'],
    ['lastLoginURL', 'Last login URL'],
    ['loyalty-tier', 'Loyalty tier'],
    ['all_time', 'All time'],
    ['address.city', 'Address city'],
    ['number_of', 'Number of'],
    ['ÜberKunde_seit', 'Über kunde seit'],
  ])('humanises the unknown key %s as "%s"', (key, label) => {
    expect(humanizeKey(key)).toBe(label)
  })

  it('keeps what is not an identifier as it is: words already, or data', () => {
    for (const key of ['___', 'Favourite colour', 't0 <img src=x onerror=alert(1)>', 'a__b!', ''])
      expect(humanizeKey(key)).toBe(key)
    expect(humanizeKey('a__b')).toBe('A b')
  })

  it('translates well-known keys, taking a tag or a Translator', () => {
    expect(humanizeKey('orders_count', 'de')).toBe('Bestellungen')
    expect(humanizeKey('churn_risk', createTranslator('fr'))).toBe('Risque de départ')
    expect(humanizeKey('lifetime_value_gbp', 'ja')).toBe('顧客生涯価値')
    // Unknown keys have no translation: their English words are better than the key.
    expect(humanizeKey('loyalty_tier', 'de')).toBe('Loyalty tier')
  })

  it('reads the currency a key names', () => {
    expect(canonicalKey('lifetime_value_gbp')).toEqual({
      canonical: 'lifetime_value',
      currency: 'GBP',
    })
    expect(canonicalKey('averageOrderValueUSD')).toEqual({
      canonical: 'average_order_value',
      currency: 'USD',
    })
    expect(canonicalKey('usd')).toEqual({ canonical: 'usd' })
  })

  it.each(SUPPORTED_LOCALES)('has a real label for every well-known key in %s', (locale) => {
    for (const key of KNOWN_FIELDS) {
      const label = humanizeKey(key, locale)
      expect(label).not.toMatch(MESSAGE_ID)
      expect(label).not.toMatch(RAW_KEY)
      expect(label).toBe(t(locale, `profile.field.${key}`))
    }
  })
})
