/**
 * Reads made through `upstream`, watched for their admission groups (admission-group.ts): how many
 * a route's reads were made in, and how many the route finished (what gives back a shared budget's
 * unspent tokens), so a route that forgets to is caught.
 */
import type { AdmissionGroup } from '../src/upstream/admission-group.ts'
import type { UpstreamReads } from '../src/ports.ts'

export function recordAdmissions(reads: UpstreamReads) {
  const counts = { seen: 0, finished: 0 }
  const groups = new WeakSet<AdmissionGroup>()
  const note = (opts: { readonly admission?: AdmissionGroup | undefined } | undefined) => {
    const group = opts?.admission
    if (group === undefined || groups.has(group)) return
    groups.add(group)
    counts.seen += 1
    group.whenFinished(() => (counts.finished += 1))
  }
  const upstream: UpstreamReads = {
    ...reads,
    traits: (ref, opts) => (note(opts), reads.traits(ref, opts)),
    meta: (ref, opts) => (note(opts), reads.meta(ref, opts)),
    audiences: (ref, opts) => (note(opts), reads.audiences(ref, opts)),
    firstEventsPage: (ref, query, opts) => (note(opts), reads.firstEventsPage(ref, query, opts)),
  }
  return { upstream, counts }
}
