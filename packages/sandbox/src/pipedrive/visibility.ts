/**
 * @module pipedrive/visibility
 * Who may see a record. Pipedrive gives each person and deal a `visible_to` (v2: 1 = owner and
 * followers, 3 = the entire company, on Essential/Advanced plans) and an `owner_id`; admins see
 * everything, and visibility groups (Professional plans) are not played here. A single-record read
 * of something the user may not see answers 403, as Pipedrive's changelog documents for deals
 * (https://developers.pipedrive.com/changelog/post/introducing-pipeline-visibility: "will return
 * HTTP 403 if the deal is not visible"); persons are treated the same way (the docs say nothing of
 * their own), with Pipedrive's error body. Lists leave such records out.
 */
import type { PipedriveUser } from './data.ts'

export type VisibleTo = 1 | 3
export type VisibilityKind = 'person' | 'deal'

export interface Restriction {
  readonly visibleTo: VisibleTo
  readonly ownerId: number
}

export const NOT_VISIBLE = 'You do not have permission to view this item'

/** Records whose visibility a test changed; every other record is visible to the entire company. */
export class Visibility {
  private readonly restrictions = new Map<string, Restriction>()

  constructor(private readonly users: readonly PipedriveUser[]) {}

  /** Test knob: what an owner does in Pipedrive's "Visible to" menu. */
  set(kind: VisibilityKind, id: number, visibleTo: VisibleTo, ownerId: number): void {
    this.restrictions.set(`${kind}:${id}`, { visibleTo, ownerId })
  }

  reset(): void {
    this.restrictions.clear()
  }

  canSee(userId: number, kind: VisibilityKind, id: number): boolean {
    const rule = this.restrictions.get(`${kind}:${id}`)
    if (rule === undefined || rule.visibleTo === 3 || rule.ownerId === userId) return true
    return this.users.find((u) => u.id === userId)?.is_admin === true
  }
}
