/**
 * @module export/customer-row
 * One customer as a row of the `customers` table, staged as one NDJSON line. The ids, names and
 * standard traits are fixed columns; computed traits and consent channels become data-named
 * columns (column-types.ts); any other trait stays in `other_traits` as JSON, so nothing a brand
 * tracked is dropped. Values are kept whole: an export is data, not a display, so nothing is
 * truncated or escaped here (readers of the files decide how to show them).
 */
import { normalizeProfile, type Meta, type ProfileSummary } from '@intilery-connect/core'

import type { DynamicColumns } from './column-types.ts'

/** Standard traits with a column of their own (the trait's name -> the column's). */
export const STANDARD_TRAITS: Readonly<Record<string, string>> = {
  title: 'title',
  gender: 'gender',
  birthday: 'birthday',
  city: 'city',
  country: 'country',
  language: 'language',
  company: 'company',
  organisation: 'organisation',
  industry: 'industry',
  jobTitle: 'job_title',
  website: 'website',
}

/** The fixed columns, in order, with their DuckDB types. */
export const CUSTOMER_COLUMNS: readonly (readonly [string, string])[] = [
  ['customer_id', 'VARCHAR'],
  ['user_id', 'VARCHAR'],
  ['external_id', 'VARCHAR'],
  ['email', 'VARCHAR'],
  ['emails', 'VARCHAR[]'],
  ['anonymous_ids', 'VARCHAR[]'],
  ['phone', 'VARCHAR'],
  ['first_name', 'VARCHAR'],
  ['last_name', 'VARCHAR'],
  ...Object.values(STANDARD_TRAITS).map((column) => [column, 'VARCHAR'] as const),
  ['audiences_dynamic', 'VARCHAR[]'],
  ['audiences_static', 'VARCHAR[]'],
  ['first_seen', 'TIMESTAMPTZ'],
  ['last_active', 'TIMESTAMPTZ'],
  ['other_traits', 'JSON'],
]

export interface CustomerColumns {
  readonly computed: DynamicColumns
  readonly consent: DynamicColumns
}

const scalarText = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined

/**
 * The staged line of one customer: the list's row (traits with computed ones) and the metadata
 * (audiences, first and last events).
 */
export function customerRow(
  summary: ProfileSummary,
  meta: Meta,
  columns: CustomerColumns
): Record<string, unknown> {
  const profile = normalizeProfile({ traits: summary, meta })
  const row: Record<string, unknown> = {
    customer_id: profile.id,
    user_id: profile.userId ?? null,
    external_id: profile.externalId ?? null,
    email: profile.emails[0] ?? null,
    emails: profile.emails,
    anonymous_ids: profile.anonymousIds,
    phone: profile.phone ?? null,
    first_name: profile.firstName ?? null,
    last_name: profile.lastName ?? null,
  }
  const other: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(profile.traits)) {
    const column = Object.hasOwn(STANDARD_TRAITS, key) ? STANDARD_TRAITS[key] : undefined
    const text = scalarText(value)
    if (column !== undefined && text !== undefined) row[column] = text
    else other[key] = value
  }
  for (const column of Object.values(STANDARD_TRAITS)) row[column] ??= null
  // Data-named columns sit beside the fixed ones, each read with its own type when the table is
  // written (pulling them out of one JSON value per column took DuckDB far more memory).
  for (const [key, value] of Object.entries(profile.computed))
    row[columns.computed.observe(key, value)] = value
  for (const { channel, subscribed } of profile.consent)
    row[columns.consent.observe(channel, subscribed)] = subscribed
  return {
    ...row,
    audiences_dynamic: profile.audiences.dynamic.map((audience) => audience.id),
    audiences_static: profile.audiences.static.map((audience) => audience.id),
    first_seen: profile.firstSeen ?? null,
    last_active: profile.lastActive ?? null,
    other_traits: other,
  }
}
