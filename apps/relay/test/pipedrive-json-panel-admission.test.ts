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
  // The context's reads, then computed traits and orders: a group each, of the reads made in it
  // (one group of 4 spanning both, the later pair a round trip on, is what this rules out).
  expect(groups.map((group) => [group.loads, group.started])).toEqual([
    [2, 2],
    [2, 2],
  ])
})
