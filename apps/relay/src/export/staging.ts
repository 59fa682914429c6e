/**
 * @module export/staging
 * The export's working state in `<out>/.export/`: NDJSON files that grow one customer at a time
 * (customers, events, features, failures) and a checkpoint naming how many roster customers are in
 * them and each file's length at that moment.
 *
 * Why this survives a SIGKILL with no customer missing or duplicated: a customer's lines are
 * appended together, the files are flushed, and only then is the checkpoint replaced (write to a
 * temporary file, fsync, rename: a reader sees the old or the new checkpoint, never half of one).
 * A resumed run cuts every file back to the checkpoint's lengths, dropping lines of customers
 * the checkpoint does not count, and reads the roster on from the checkpoint's position.
 */
import {
  closeSync,
  existsSync,
  fdatasyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs'
import { join } from 'node:path'

import { z } from 'zod'

import { dynamicColumnSchema } from './column-types.ts'
import { replaceFile } from './durable-files.ts'

export const STAGED_FILES = ['customers', 'features', 'failures'] as const
/** One staged file per event date below this (`events/2026-11-19`). */
export const EVENTS_DIR = 'events'
export type StagedFile = (typeof STAGED_FILES)[number]

export const checkpointSchema = z.object({
  version: z.literal(1),
  /** The options that decide what is exported; a resume must repeat them. */
  fingerprint: z.string(),
  startedAt: z.string(),
  /** `roster` until every profile is listed; then `customers`; `finishing` while files are written. */
  phase: z.enum(['roster', 'customers', 'finishing']),
  rosterCount: z.number().int().min(0),
  /** The profile list's own count, when it gave one. */
  listedTotal: z.number().int().min(0).nullable(),
  /** Roster customers whose lines are in the staged files (a prefix of the roster). */
  done: z.number().int().min(0),
  eventRows: z.number().int().min(0),
  failed: z.number().int().min(0),
  /** Each staged file's length (`customers`, `events/2026-11-19`…). */
  lengths: z.record(z.string(), z.number().int().min(0)),
  computedColumns: z.array(dynamicColumnSchema),
  consentColumns: z.array(dynamicColumnSchema),
  requests: z.number().int().min(0),
  /** When reading ended, and the reading process's peak RSS (the tables may be written by another). */
  readFinishedAt: z.string().optional(),
  readerPeakRssBytes: z.number().int().min(0).optional(),
  /** The budget the reading kept to, for the manifest. */
  budget: z
    .object({ share: z.number(), requestsPerSecond: z.number(), sharedLimiter: z.boolean() })
    .optional(),
})
export type Checkpoint = z.infer<typeof checkpointSchema>

export class CheckpointError extends Error {
  override readonly name = 'CheckpointError'
}

export const stateDir = (out: string) => join(out, '.export')
const checkpointPath = (out: string) => join(stateDir(out), 'checkpoint.json')
export const stagedPath = (out: string, name: string) => join(stateDir(out), `${name}.ndjson`)

/** The checkpoint in `out`, or undefined when there is none. @throws CheckpointError if unreadable. */
export function readCheckpoint(out: string): Checkpoint | undefined {
  const path = checkpointPath(out)
  if (!existsSync(path)) return undefined
  try {
    return checkpointSchema.parse(JSON.parse(readFileSync(path, 'utf8')))
  } catch (cause) {
    throw new CheckpointError(
      `the checkpoint ${path} cannot be read; start again in a new folder`,
      {
        cause,
      }
    )
  }
}

/** Replaces the checkpoint atomically (see the module comment). */
export function writeCheckpoint(out: string, checkpoint: Checkpoint): void {
  replaceFile(checkpointPath(out), JSON.stringify(checkpoint))
}

/** Open files kept at most: a customer's events touch one file per day they span. */
const OPEN_FILES = 64

/**
 * The staged files, cut back to the checkpoint's lengths: the fixed ones (customers, features,
 * failures) and one events file per event date (`events/2026-11-19`), so the tables are written a
 * day at a time, never the whole history at once. A file the checkpoint does not name was begun
 * after it, and is removed.
 */
export class StagedFiles {
  private readonly lengths: Record<string, number>
  /** Open files, least recently used first (a Map keeps insertion order). */
  private readonly open = new Map<string, number>()

  constructor(
    private readonly out: string,
    lengths: Readonly<Record<string, number>>
  ) {
    mkdirSync(join(stateDir(out), EVENTS_DIR), { recursive: true, mode: 0o700 })
    for (const file of readdirSync(join(stateDir(out), EVENTS_DIR))) {
      const key = `${EVENTS_DIR}/${file.replace(/\.ndjson$/, '')}`
      if (!Object.hasOwn(lengths, key)) rmSync(stagedPath(out, key))
    }
    for (const name of STAGED_FILES)
      if (!Object.hasOwn(lengths, name))
        throw new CheckpointError(`the checkpoint names no ${name} file`)
    this.lengths = { ...lengths }
    for (const [key, length] of Object.entries(this.lengths)) {
      const fd = openSync(
        stagedPath(out, key),
        existsSync(stagedPath(out, key)) ? 'r+' : 'w+',
        0o600
      )
      ftruncateSync(fd, length)
      closeSync(fd)
    }
  }

  private fdOf(key: string): number {
    const known = this.open.get(key)
    if (known !== undefined) {
      this.open.delete(key)
      this.open.set(key, known)
      return known
    }
    if (this.open.size >= OPEN_FILES) {
      const [oldest, fd] = this.open.entries().next().value as [string, number]
      // Flushed before closing: the next checkpoint counts on what it holds.
      fdatasyncSync(fd)
      closeSync(fd)
      this.open.delete(oldest)
    }
    const path = stagedPath(this.out, key)
    const fd = openSync(path, existsSync(path) ? 'r+' : 'w+', 0o600)
    this.open.set(key, fd)
    this.lengths[key] ??= 0
    return fd
  }

  /** Appends lines (each one JSON value) to one file (`customers`, or `events/<date>`). */
  append(key: string, lines: readonly unknown[]): void {
    this.appendText(key, ndjson(lines))
  }

  /** Appends NDJSON text (whole lines) to one file. */
  appendText(key: string, text: string): void {
    if (text === '') return
    const fd = this.fdOf(key)
    const buffer = Buffer.from(text)
    const at = this.lengths[key] ?? 0
    // Written at the counted length, not the file's end: what a killed run left past it is overwritten.
    let written = 0
    while (written < buffer.length)
      written += writeSync(fd, buffer, written, buffer.length - written, at + written)
    this.lengths[key] = at + buffer.length
  }

  /** Flushes every file; the lengths returned are safe to put in a checkpoint. */
  flush(): Record<string, number> {
    for (const fd of this.open.values()) fdatasyncSync(fd)
    return { ...this.lengths }
  }

  close(): void {
    for (const fd of this.open.values()) closeSync(fd)
    this.open.clear()
  }
}

/** Values as NDJSON lines. */
export const ndjson = (lines: readonly unknown[]): string =>
  lines.map((line) => `${JSON.stringify(line)}\n`).join('')

/** The staged events' dates (`2026-11-19`, or `unknown` for events without a readable time). */
export function stagedEventDates(out: string): string[] {
  return readdirSync(join(stateDir(out), EVENTS_DIR))
    .map((file) => file.replace(/\.ndjson$/, ''))
    .sort()
}
