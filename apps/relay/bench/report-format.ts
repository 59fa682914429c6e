/** How the relay's benches print: figures' units, verdicts, and the report's table. */
import process from 'node:process'

export const ms = (value: number) => `${value.toFixed(1)} ms`
export const mb = (value: number) => `${value.toFixed(0)} MB`
export const int = (value: number) => Math.round(value).toLocaleString('en-GB')
export const verdict = (met: boolean) => (met ? 'met' : '**NOT met**')

/** `200: 1,000, 429 rate_limited: 3`: how many of each outcome, sorted; `none` for none. */
export function countOutcomes(outcomes: readonly string[]): string {
  const counts = new Map<string, number>()
  for (const outcome of outcomes) counts.set(outcome, (counts.get(outcome) ?? 0) + 1)
  if (counts.size === 0) return 'none'
  return [...counts]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([outcome, count]) => `${outcome}: ${int(count)}`)
    .join(', ')
}

/** `title`, the Node version, a markdown table of `rows` (#, figure, measured, target, verdict), then `details`. */
export function writeReport(
  title: string,
  rows: readonly (readonly string[])[],
  details: readonly string[]
): void {
  process.stdout.write(
    [
      title,
      `node ${process.version}`,
      '',
      '| # | figure | measured | target | |',
      '|---|---|---|---|---|',
      ...rows.map((row) => `| ${row.join(' | ')} |`),
      '',
      ...details,
      '',
    ].join('\n')
  )
}
