/**
 * @module hosts/pipedrive/subject-cache
 * Pipedrive counts every API call against the company's daily budget, and a panel is opened again
 * and again on the same records, so who a record is (its emails) is kept for a minute per record
 * and per reading user: Pipedrive decides per user which records they may see (visibility), so one
 * user's answer is never another's. The reader is the user whose installation's token asked (a
 * shared panel's viewer reads through the sharing user's). Only answers with emails are kept: a
 * rep who adds an email to a person and reloads sees the customer at once. An uninstall forgets
 * the company's records, every user's.
 */
import { LRUCache } from 'lru-cache'

import type { PipedriveCrm } from './api/pipedrive-port.ts'
import { resolveSubject, type PipedriveResource, type Subject } from './resolve-subject.ts'

export const SUBJECT_TTL_MS = 60_000

/** Whose Pipedrive view an answer is: the installation whose token read it. */
export interface SubjectReader {
  readonly companyId: string
  readonly userId: string
}

export interface SubjectCache {
  resolve(
    reader: SubjectReader,
    crm: PipedriveCrm,
    resource: PipedriveResource,
    id: number
  ): Promise<Subject>
  forgetCompany(companyId: string): void
}

export function createSubjectCache(
  options: { readonly ttlMs?: number; readonly max?: number; readonly now?: () => number } = {}
): SubjectCache {
  const subjects = new LRUCache<string, Subject>({
    max: options.max ?? 10_000,
    ttl: options.ttlMs ?? SUBJECT_TTL_MS,
    // The relay's clock, so tests that move it past a token's expiry move this too.
    perf: { now: options.now ?? Date.now },
  })
  return {
    async resolve(reader, crm, resource, id) {
      // Ids are digits, so ':' cannot make two readers' keys meet.
      const key = `${reader.companyId}:${reader.userId}:${resource}:${id}`
      const known = subjects.get(key)
      if (known !== undefined) return known
      const subject = await resolveSubject(crm, resource, id)
      if (subject.emails.length > 0) subjects.set(key, subject)
      return subject
    },
    forgetCompany(companyId) {
      for (const key of [...subjects.keys()])
        if (key.startsWith(`${companyId}:`)) subjects.delete(key)
    },
  }
}
