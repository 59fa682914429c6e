/**
 * pnpm bench:timeline — 10,000 sandbox events to timeline entries, and on to formatted strings,
 * beside `JSON.parse` of the same payload measured in the same run (interleaved rounds, medians).
 * Target: events -> entries -> strings within 25 ms for 10,000 events on the project's 2-core box.
 * Core is measured bundled as it ships (see below).
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import process from 'node:process'
import { fileURLToPath, pathToFileURL } from 'node:url'

import type * as Core from '@intilery-connect/core'
import type { ProfileEvent } from '@intilery-connect/core'
import { build } from 'vite'

import { seedCustomers } from '../src/seed/index.ts'

// Measure core as it ships: bundled and minified by Vite, not through tsx's on-the-fly transform
// (which wraps every function to keep its name, a cost the real bundle does not have). tsx
// transforms every file it loads outside node_modules, the built bundle included (a profile showed
// its `__name` calls and a formatting pass 25% slower), so the bundle is written under this
// package's node_modules, which tsx loads as they are.
const cacheDir = fileURLToPath(new URL('../node_modules/.cache/', import.meta.url))
await mkdir(cacheDir, { recursive: true })
const outDir = await mkdtemp(join(cacheDir, 'bench-core-'))
await build({
  configFile: false,
  logLevel: 'silent',
  root: fileURLToPath(new URL('../../core', import.meta.url)),
  build: {
    outDir,
    target: 'es2022',
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: 'core' },
    rollupOptions: { external: [/^node:/] },
  },
})
const core = (await import(pathToFileURL(join(outDir, 'core.js')).href)) as typeof Core
const { formatTimeline, toTimeline, loadLocale } = core
await loadLocale('en')
await rm(outDir, { recursive: true, force: true })

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 25)
const EVENTS = 10_000
const now = Date.UTC(2026, 10, 22, 12)
const customers = seedCustomers({
  now,
  brand: { clientId: 'demo', accountId: 'demo', brandId: 'DEMO' },
})
// The busiest customers first, so the sample is a few real histories rather than scattered events.
const events: ProfileEvent[] = customers
  .sort((a, b) => b.events.length - a.events.length)
  .flatMap((customer) => customer.events.map((stored) => stored.event))
  .slice(0, EVENTS)
const payload = JSON.stringify(events)

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN
function time<T>(run: () => T): [T, number] {
  const start = performance.now()
  const result = run()
  return [result, performance.now() - start]
}

const format = { locale: 'en', timeZone: 'Europe/London', now: new Date(now) }
const parse: number[] = []
const entriesMs: number[] = []
const formatMs: number[] = []
let entryCount = 0
for (let round = -5; round < ROUNDS; round++) {
  const [parsed, parseTime] = time(() => JSON.parse(payload) as ProfileEvent[])
  const [entries, entriesTime] = time(() => toTimeline(parsed))
  const [, formatTime] = time(() => formatTimeline(entries, format))
  if (round < 0) continue // warm-up: JIT, Intl formatter caches
  parse.push(parseTime)
  entriesMs.push(entriesTime)
  formatMs.push(formatTime)
  entryCount = entries.length
}
const p = median(parse)
const e = median(entriesMs)
const f = median(formatMs)
process.stdout.write(
  [
    `bench:timeline — ${events.length} sandbox events (${(payload.length / 1e6).toFixed(1)} MB JSON), ${entryCount} entries after campaign folds and bursts, ${ROUNDS} rounds (medians)`,
    `node ${process.version}`,
    '',
    '| step | ms | ratio to JSON.parse |',
    '|---|---:|---:|',
    `| JSON.parse of the payload | ${p.toFixed(2)} | 1.00 |`,
    `| toTimeline (events -> entries) | ${e.toFixed(2)} | ${(e / p).toFixed(2)} |`,
    `| formatTimeline (entries -> strings, en, Europe/London) | ${f.toFixed(2)} | ${(f / p).toFixed(2)} |`,
    `| events -> strings | ${(e + f).toFixed(2)} | ${((e + f) / p).toFixed(2)} |`,
    '',
    `target: events -> strings <= 25 ms: ${e + f <= 25 ? 'met' : 'NOT met'}`,
    '',
  ].join('\n')
)
