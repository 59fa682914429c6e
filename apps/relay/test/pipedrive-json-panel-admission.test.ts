// The JSON panel's reads against the upstream guard's admission groups: a group holds only the
// reads made at once, since a shared budget reserves a group's tokens when it decides and a read a
// round trip later would reserve its own again (admission-recorder.ts).
import { expect, it } from 'vitest'

import { ADMIN, useHarness } from './pipedrive-harness.ts'

const harness = useHarness([ADMIN])

it('groups only reads made at once, so a shared budget reserves no token twice', async () => {
  const response = await fetch(await harness().panelUrl('person', 1))
  expect(response.status).toBe(200)
  const groups = harness().admissionGroups
  // Every group's reads started before any of them answered, and no more than it reserved for.
  for (const group of groups) {
    expect(group.late).toBe(0)
    expect(group.started).toBeLessThanOrEqual(group.loads)
  }
  // The context's reads, then computed traits and orders: a group each.
  expect(groups.map((group) => group.started)).toEqual([2, 2])
})
