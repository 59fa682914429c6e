/**
 * @module export/export-options
 * `relay export`'s flags, checked before anything is read or written: a wrong flag costs no
 * request and leaves no folder behind.
 */
import { parseIsoInstant } from '@intilery-connect/core'
import { z } from 'zod'

const DAY_MS = 86_400_000

export class ExportUsageError extends Error {
  override readonly name = 'ExportUsageError'
}

const instant = (flag: string) =>
  z.string().transform((text, ctx) => {
    const ms = parseIsoInstant(text)
    if (ms === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `${flag} must be a date (2026-11-01) or an ISO 8601 time`,
      })
      return z.NEVER
    }
    return ms
  })

const flagsSchema = z.object({
  tenant: z.string({ error: '--tenant is required' }).min(1, '--tenant is required'),
  out: z
    .string({ error: '--out is required (a new folder, or one to --resume)' })
    .min(1, '--out is required'),
  format: z
    .enum(['parquet', 'ndjson', 'csv'], { error: '--format must be parquet, ndjson or csv' })
    .default('parquet'),
  asOf: instant('--as-of').optional(),
  labelDays: z.coerce
    .number({ error: '--label-days must be a whole number of days' })
    .int('--label-days must be a whole number of days')
    .min(1, '--label-days must be between 1 and 365')
    .max(365, '--label-days must be between 1 and 365')
    .default(30),
  since: instant('--since').optional(),
  limitProfiles: z.coerce
    .number({ error: '--limit-profiles must be a whole number' })
    .int('--limit-profiles must be a whole number')
    .min(1, '--limit-profiles must be at least 1')
    .optional(),
  budget: z
    .string()
    .regex(/^\d+(\.\d+)?%$/, '--budget must be a percentage such as 50%')
    .transform((text) => Number(text.replace('%', '')) / 100)
    .refine((share) => share > 0 && share <= 1, '--budget must be more than 0% and at most 100%')
    .default(0.5),
  resume: z.boolean().default(false),
  quiet: z.boolean().default(false),
})

export type ExportFlags = z.input<typeof flagsSchema>

export interface ExportOptions {
  readonly tenant: string
  readonly out: string
  readonly format: 'parquet' | 'ndjson' | 'csv'
  /** The cut-off, epoch ms: features before it, labels after. */
  readonly asOfMs: number
  /**
   * Whether --as-of was given: a resumed run without it keeps the first run's default cut-off,
   * not today's (an export running past midnight would otherwise refuse to resume or finish).
   */
  readonly asOfGiven: boolean
  readonly labelDays: number
  /** Only events from this time on (an incremental run), epoch ms. */
  readonly sinceMs: number | undefined
  readonly limitProfiles: number | undefined
  /** Share of the relay's rate, 0 < budget <= 1. */
  readonly budget: number
  readonly resume: boolean
  readonly quiet: boolean
}

/**
 * The flags as options. `--as-of` defaults to the UTC midnight `--label-days` before today, so the
 * labels' days have all passed.
 * @throws ExportUsageError naming the first wrong flag.
 */
export function exportOptions(flags: ExportFlags, now: number): ExportOptions {
  const parsed = flagsSchema.safeParse(flags)
  if (!parsed.success)
    throw new ExportUsageError(parsed.error.issues[0]?.message ?? 'invalid flags')
  const { asOf, since, ...rest } = parsed.data
  const today = Math.floor(now / DAY_MS) * DAY_MS
  const asOfMs = asOf ?? today - rest.labelDays * DAY_MS
  if (asOfMs > now) throw new ExportUsageError('--as-of must not be in the future')
  if (since !== undefined && since > now)
    throw new ExportUsageError('--since must not be in the future')
  return {
    ...rest,
    asOfMs,
    asOfGiven: asOf !== undefined,
    sinceMs: since,
    limitProfiles: rest.limitProfiles,
  }
}

/** What decides the files' content: a resumed run must be called with the same. */
export function optionsFingerprint(options: ExportOptions): string {
  const { tenant, format, asOfMs, labelDays, sinceMs, limitProfiles } = options
  return JSON.stringify({
    tenant,
    format,
    asOfMs,
    labelDays,
    sinceMs: sinceMs ?? null,
    limitProfiles: limitProfiles ?? null,
  })
}
