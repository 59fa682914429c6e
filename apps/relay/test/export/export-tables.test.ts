// The whole sandbox exported, every table read back by DuckDB and compared with the sandbox's own
// data: unicode, hostile strings and over-long values come back whole.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import { TIMELINE_MAX_TEXT } from '@intilery-connect/core'
import { SEEDED, type RunningSandbox } from '@intilery-connect/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { ExportManifest } from '../../src/export/export-manifest.ts'
import { exportSandbox, exportTo, newFolder, query, sqlPath } from './export-harness.ts'

let sandbox: RunningSandbox
let out: string
let manifest: ExportManifest

beforeAll(async () => {
  sandbox = await exportSandbox()
  out = newFolder()
  manifest = await exportTo(sandbox, { out, asOf: '2026-11-01', labelDays: 30 })
}, 120_000)
afterAll(() => sandbox.stop())

const customers = () => join(out, 'customers.parquet')
const events = () => join(out, 'events', '*', '*.parquet')
const stored = (id: string) => {
  const [customer] = sandbox.store.find({ type: 'id', value: id })
  if (customer === undefined) throw new Error(`no customer ${id}`)
  return customer
}

describe('relay export (parquet)', () => {
  it('writes one customer row per profile and one event row per event, as the manifest says', async () => {
    const all = [...sandbox.store.all()]
    const eventCount = all.reduce((sum, customer) => sum + customer.events.length, 0)
    const [counts] = await query(
      `SELECT (SELECT count(*) FROM ${sqlPath(customers())}) AS customers,
              (SELECT count(DISTINCT customer_id) FROM ${sqlPath(customers())}) AS distinct_customers,
              (SELECT count(*) FROM read_parquet(${sqlPath(events())}, hive_partitioning = true)) AS events,
              (SELECT count(DISTINCT event_id) FROM read_parquet(${sqlPath(events())}, hive_partitioning = true)) AS distinct_events,
              (SELECT count(*) FROM ${sqlPath(join(out, 'features.parquet'))}) AS features`
    )
    expect(counts).toEqual({
      customers: String(all.length),
      distinct_customers: String(all.length),
      events: String(eventCount),
      distinct_events: String(eventCount),
      features: String(all.length),
    })
    expect(manifest.tables.customers?.rows).toBe(all.length)
    expect(manifest.tables.events?.rows).toBe(eventCount)
    expect(manifest.customers).toMatchObject({
      listed: all.length,
      exported: all.length,
      failed: [],
    })
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))).toMatchObject({
      asOf: '2026-11-01T00:00:00.000Z',
      labelDays: 30,
      format: 'parquet',
      command: 'relay export (test)',
    })
  })

  it('partitions events by event date, Hive style, each row in its own date', async () => {
    const [wrong] = await query(
      `SELECT count(*) AS misplaced FROM read_parquet(${sqlPath(events())}, hive_partitioning = true)
       WHERE event_date <> CAST(timezone('UTC', event_time) AS DATE)`
    )
    expect(wrong).toEqual({ misplaced: '0' })
    const columns = manifest.tables.events?.columns.map((column) => column.name)
    expect(columns).toEqual(
      expect.arrayContaining([
        'event_id',
        'order_id',
        'revenue',
        'email_subject',
        'properties',
        'event_date',
      ])
    )
  })

  it('gives Joe Bloggs his ids, names, typed computed traits, consent and audiences', async () => {
    const joe = stored(SEEDED.joeBloggs.id)
    const [row] = await query(
      `SELECT * FROM ${sqlPath(customers())} WHERE customer_id = ${sqlPath(SEEDED.joeBloggs.id)}`
    )
    expect(row).toMatchObject({
      user_id: SEEDED.joeBloggs.userId,
      email: SEEDED.joeBloggs.email,
      first_name: joe.traits.firstName,
      last_name: joe.traits.lastName,
      audiences_dynamic: joe.audiences,
      consent_email: joe.marketingPreferences.find((p) => p.channel === 'email')?.subscribed,
      computed_orders_count: String(joe.computed.orders_count),
    })
    const types = Object.fromEntries(
      (manifest.tables.customers?.columns ?? []).map(({ name, type }) => [name, type])
    )
    expect(types).toMatchObject({
      computed_orders_count: 'BIGINT',
      computed_total_spend: 'DOUBLE',
      computed_churn_risk: 'VARCHAR',
      consent_email: 'BOOLEAN',
      first_seen: 'TIMESTAMP WITH TIME ZONE',
    })
  })

  it('keeps hostile strings and over-long values whole, as data', async () => {
    const hostile = stored(SEEDED.hostile.id)
    const [row] = await query(
      `SELECT user_id, email, CAST(other_traits AS VARCHAR) AS other FROM ${sqlPath(customers())} WHERE customer_id = ${sqlPath(SEEDED.hostile.id)}`
    )
    expect(row?.user_id).toBe(SEEDED.hostile.userId)
    expect(row?.email).toBe(SEEDED.hostile.email)
    expect(JSON.parse(String(row?.other))).toMatchObject({
      '<script>alert(1)</script>': hostile.traits['<script>alert(1)</script>'],
    })
    const exported = await query(
      `SELECT event_id, CAST(properties AS VARCHAR) AS properties FROM read_parquet(${sqlPath(events())}) WHERE customer_id = ${sqlPath(SEEDED.hostile.id)}`
    )
    expect(exported).toHaveLength(hostile.events.length)
    const byId = new Map(
      exported.map((e) => [e.event_id, JSON.parse(String(e.properties)) as unknown])
    )
    for (const { event } of hostile.events)
      expect(byId.get(event.eventId)).toEqual(
        JSON.parse(JSON.stringify(event.rawData.properties ?? {}))
      )

    const long = stored(SEEDED.longValues.id)
    const [longRow] = await query(
      `SELECT last_name, computed_long_note, CAST(other_traits AS VARCHAR) AS other FROM ${sqlPath(customers())} WHERE customer_id = ${sqlPath(SEEDED.longValues.id)}`
    )
    expect(longRow?.last_name).toBe(long.traits.lastName)
    expect(longRow?.computed_long_note).toBe(long.computed.long_note)
    // Longer than anything the apps show uncut (TIMELINE_MAX_TEXT), so nothing here cut it.
    expect(String(longRow?.computed_long_note).length).toBeGreaterThan(TIMELINE_MAX_TEXT)
    expect(JSON.parse(String(longRow?.other))).toMatchObject({ bio: long.traits.bio })
  })

  it('keeps names in any script as they are (CJK, accents)', async () => {
    const named = [...sandbox.store.all()].filter((customer) =>
      /[^ -~]/.test(`${String(customer.traits.firstName)}${String(customer.traits.lastName)}`)
    )
    expect(named.length).toBeGreaterThan(2)
    for (const customer of named.slice(0, 5)) {
      const [row] = await query(
        `SELECT first_name, last_name FROM ${sqlPath(customers())} WHERE customer_id = ${sqlPath(customer.id)}`
      )
      expect(row).toEqual({
        first_name: customer.traits.firstName,
        last_name: customer.traits.lastName,
      })
    }
  })

  it('writes one feature row per customer, cut off at --as-of', async () => {
    const [joe] = await query(
      `SELECT as_of, rfm_frequency, purchased_next_30d FROM ${sqlPath(join(out, 'features.parquet'))} WHERE customer_id = ${sqlPath(SEEDED.joeBloggs.id)}`
    )
    const cutOff = Date.parse('2026-11-01T00:00:00Z')
    const orders = stored(SEEDED.joeBloggs.id).events.filter(
      ({ event }) => event.eventAction === 'order_completed' && Date.parse(event.eventTime) < cutOff
    )
    expect(joe).toMatchObject({
      as_of: '2026-11-01 00:00:00+00',
      rfm_frequency: String(orders.length),
    })
  })
})
