/**
 * `pnpm customer <idType:id> [--locale de] [--time-zone Europe/Berlin] [--events 40] [--note markdown]`
 * Prints a sandbox customer as the apps will show them: profile card, timeline and the note an
 * agent can paste, in any supported locale. Runs an in-process sandbox seeded now.
 */
import process from 'node:process'
import { parseArgs } from 'node:util'

import {
  isIntileryError,
  loadLocale,
  parseProfileRef,
  summarize,
  SUPPORTED_LOCALES,
} from '@intilery-connect/core'

import { inProcessCustomers } from './customer-context.ts'
import { renderCustomer } from './customer-examples.ts'

const USAGE = `usage: pnpm customer <idType:id> [--locale ${SUPPORTED_LOCALES.join('|')}] [--time-zone <IANA zone>] [--events <n>] [--note text|markdown]
example: pnpm customer email:joe.bloggs@intilery.com --locale de --time-zone Europe/Berlin`

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      locale: { type: 'string', default: 'en' },
      'time-zone': { type: 'string', default: Intl.DateTimeFormat().resolvedOptions().timeZone },
      events: { type: 'string', default: '30' },
      note: { type: 'string', default: 'text' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  const [refText] = positionals
  if (values.help === true || refText === undefined) {
    process.stdout.write(`${USAGE}\n`)
    return values.help === true ? 0 : 2
  }
  const events = Number(values.events)
  if (!Number.isInteger(events) || events < 1)
    throw new RangeError('--events takes a whole number above 0')
  if (values.note !== 'text' && values.note !== 'markdown')
    throw new RangeError('--note takes text or markdown')
  const ref = parseProfileRef(refText)
  const now = new Date()
  const context = await inProcessCustomers(now).contextFor(ref, Math.max(events * 4, 100))
  await loadLocale(values.locale)
  const options = { locale: values.locale, timeZone: values['time-zone'], now }
  const lines = [
    ...renderCustomer(context, options, events),
    '',
    summarize(context, { ...options, format: values.note }),
  ]
  process.stdout.write(`${lines.join('\n')}\n`)
  return 0
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = isIntileryError(error) || error instanceof Error ? error.message : String(error)
    const hint =
      isIntileryError(error) && error.code === 'not_found'
        ? ` (no sandbox customer matches ${process.argv[2] ?? ''})`
        : ''
    process.stderr.write(`customer: ${message}${hint}\n${USAGE}\n`)
    process.exit(1)
  }
)
