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
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs'
import { join } from 'node:path'

import { z } from 'zod'

import { dynamicColumnSchema } from './column-types.ts'

export const STAGED_FILES = ['customers', 'events', 'features', 'failures'] as const
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
  lengths: z.object(
    Object.fromEntries(STAGED_FILES.map((name) => [name, z.number().int().min(0)])) as Record<
      StagedFile,
      z.ZodNumber
    >
  ),
  computedColumns: z.array(dynamicColumnSchema),
  consentColumns: z.array(dynamicColumnSchema),
  requests: z.number().int().min(0),
})
export type Checkpoint = z.infer<typeof checkpointSchema>

export class CheckpointError extends Error {
  override readonly name = 'CheckpointError'
}

export const stateDir = (out: string) => join(out, '.export')
const checkpointPath = (out: string) => join(stateDir(out), 'checkpoint.json')
export const stagedPath = (out: string, name: StagedFile | 'roster') =>
  join(stateDir(out), `${name}.ndjson`)

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
  const path = checkpointPath(out)
  const temporary = `${path}.tmp`
  const fd = openSync(temporary, 'w', 0o600)
  try {
    writeSync(fd, JSON.stringify(checkpoint))
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(temporary, path)
}

/** The staged files, open for appending, cut back to the checkpoint's lengths. */
export class StagedFiles {
  private readonly fds: Record<StagedFile, number>
  private readonly lengths: Record<StagedFile, number>

  constructor(out: string, lengths: Record<StagedFile, number>) {
    mkdirSync(stateDir(out), { recursive: true, mode: 0o700 })
    const fds = {} as Record<StagedFile, number>
    for (const name of STAGED_FILES) {
      const fd = openSync(
        stagedPath(out, name),
        existsSync(stagedPath(out, name)) ? 'r+' : 'w+',
        0o600
      )
      ftruncateSync(fd, lengths[name])
      fds[name] = fd
    }
    this.fds = fds
    this.lengths = { ...lengths }
  }

  /** Appends lines (each one JSON value) to one file. */
  append(name: StagedFile, lines: readonly unknown[]): void {
    if (lines.length === 0) return
    const buffer = Buffer.from(lines.map((line) => `${JSON.stringify(line)}\n`).join(''))
    let written = 0
    while (written < buffer.length)
      written += writeSync(
        this.fds[name],
        buffer,
        written,
        buffer.length - written,
        this.lengths[name] + written
      )
    this.lengths[name] += buffer.length
  }

  /** Flushes every file; the lengths returned are safe to put in a checkpoint. */
  flush(): Record<StagedFile, number> {
    for (const name of STAGED_FILES) fdatasyncSync(this.fds[name])
    return { ...this.lengths }
  }

  close(): void {
    for (const name of STAGED_FILES) closeSync(this.fds[name])
  }
}
