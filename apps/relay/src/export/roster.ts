/**
 * @module export/roster
 * Which customers the export reads: every profile the list endpoint gives (`…/v1/profiles?from=&size=`,
 * 100 a page), written to `roster.ndjson` before any customer is read, so a resumed run reads the
 * same customers in the same order.
 *
 * The list is ordered by recent activity, so a customer active while the pages are read can move
 * to an earlier page and be missed. When the list's `total` says more customers exist than were
 * seen, it is read again (at most three passes), adding only the ones not seen yet; whatever is
 * still missing after that is reported in the manifest, not hidden.
 */
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs'

import type { ProfileClient, ProfileSummary } from '@intilery-connect/core'

import { stagedPath } from './staging.ts'

const PAGE_SIZE = 100
const MAX_PASSES = 3

export interface Roster {
  readonly count: number
  /** The list's own count at the last page read, when it gave one. */
  readonly listedTotal: number | null
}

/** Lists the roster into `<out>/.export/roster.ndjson` (replacing a partial one). */
export async function listRoster(
  client: ProfileClient,
  out: string,
  options: {
    readonly limit: number | undefined
    readonly signal: AbortSignal
    readonly onPage: (count: number, total: number | null) => void
  }
): Promise<Roster> {
  const seen = new Set<string>()
  const fd = openSync(stagedPath(out, 'roster'), 'w', 0o600)
  let listedTotal: number | null = null
  const full = () => options.limit !== undefined && seen.size >= options.limit
  try {
    for (let pass = 0; pass < MAX_PASSES && !full(); pass++) {
      for (let from = 0; !full(); from++) {
        const page = await client.listProfiles(
          { from, size: PAGE_SIZE },
          { signal: options.signal }
        )
        listedTotal = page.total ?? null
        const fresh: ProfileSummary[] = []
        for (const profile of page.profiles) {
          if (seen.has(profile.id) || full()) continue
          seen.add(profile.id)
          fresh.push(profile)
        }
        if (fresh.length > 0) writeSync(fd, fresh.map((p) => `${JSON.stringify(p)}\n`).join(''))
        options.onPage(seen.size, listedTotal)
        if (page.profiles.length < PAGE_SIZE) break
      }
      if (listedTotal === null || seen.size >= listedTotal) break
    }
    // On disk before the checkpoint says the roster is complete (a power cut, not only a kill).
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  return { count: seen.size, listedTotal }
}
