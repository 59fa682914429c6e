// Joe Bloggs as a one-customer context with no activity: the fixture the panel's tests share.
import { normalizeProfile, type CustomerContext } from '@intilery-connect/core'

export const joeProfile = normalizeProfile({
  meta: {
    id: 'p1',
    identities: { email: ['joe.bloggs@intilery.com'] },
    traits: { firstName: 'Joe', lastName: 'Bloggs' },
    audiences: { dynamic: [], static: [] },
  },
} as never)

export const joeContext = {
  match: 'one',
  profiles: [joeProfile],
  timeline: { entries: [] },
  fetchedAt: '2026-11-22T10:00:00.000Z',
  stale: false,
} as unknown as CustomerContext
