/**
 * Reads made through `upstream`, watched for their admission groups (admission-group.ts): a group
 * must hold only reads made at once. A shared budget reserves all of a group's tokens when it
 * decides; a read of the group started after another of its reads has answered (a round trip
 * later) finds its prepaid token past its grace and reserves another, so the group's share is
 * spent twice.
 */
import type { UpstreamReads } from '../src/ports.ts'
import type { AdmissionGroup } from '../src/upstream/admission-group.ts'

interface GroupWatch {
  readonly loads: number
  started: number
  answered: number
  /** Reads started after one of the group's reads had answered. */
  late: number
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
      watch = { loads: group.loads, started: 0, answered: 0, late: 0 }
      byGroup.set(group, watch)
      groups.push(watch)
    }
    const seen = watch
    seen.started += 1
    if (seen.answered > 0) seen.late += 1
    return read().finally(() => (seen.answered += 1))
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
