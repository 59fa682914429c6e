/**
 * Reads made through `upstream`, watched for their admission groups (admission-group.ts): how many
 * loads each group was made for and how many reads it held. A group must hold only reads made at
 * once: a shared budget reserves all of a group's tokens when it decides, and a read a round trip
 * later finds its prepaid token past its grace and reserves another.
 */
import type { UpstreamReads } from '../src/ports.ts'
import type { AdmissionGroup } from '../src/upstream/admission-group.ts'

interface GroupWatch {
  readonly loads: number
  started: number
}

export function recordAdmissions(reads: UpstreamReads) {
  const groups: GroupWatch[] = []
  const byGroup = new WeakMap<AdmissionGroup, GroupWatch>()
  const watched = <T>(
    opts: { readonly admission?: AdmissionGroup | undefined } | undefined,
    read: () => Promise<T>
  ): Promise<T> => {
    const group = opts?.admission
    if (group === undefined) return read()
    let watch = byGroup.get(group)
    if (watch === undefined) {
      watch = { loads: group.loads, started: 0 }
      byGroup.set(group, watch)
      groups.push(watch)
    }
    watch.started += 1
    return read()
  }
  const upstream: UpstreamReads = {
    traits: (ref, opts) => watched(opts, () => reads.traits(ref, opts)),
    meta: (ref, opts) => watched(opts, () => reads.meta(ref, opts)),
    audiences: (ref, opts) => watched(opts, () => reads.audiences(ref, opts)),
    firstEventsPage: (ref, query, opts) =>
      watched(opts, () => reads.firstEventsPage(ref, query, opts)),
  }
  return { upstream, groups }
}
