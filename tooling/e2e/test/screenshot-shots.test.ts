// The screenshot list behind docs/screenshots/: the four customers the issue names, in both apps and
// both schemes, opened on the records that really are those customers, and an index naming each.
import { demoTickets, pipedriveDataset, SEEDED } from '@intilery-connect/sandbox'
import { expect, it } from 'vitest'

import { docShots, screenshotIndex } from '../src/screenshots/shots.ts'

const shots = docShots()

it('takes every customer in both apps and both schemes, and the account, each file once', () => {
  const files = shots.map((s) => s.file)
  expect(new Set(files).size).toBe(files.length)
  for (const customer of ['joe-bloggs', 'high-value', 'shared-email', 'hostile'])
    for (const app of ['zendesk', 'pipedrive'])
      for (const scheme of ['light', 'dark'])
        expect(files).toContain(`${app}-${customer}-${scheme}.png`)
  expect(files).toContain('pipedrive-json-account-dark.png')
})

it('opens the ticket and the Pipedrive person of the customer it names', () => {
  const emails: Record<string, string> = {
    'joe-bloggs': SEEDED.joeBloggs.email,
    'high-value': SEEDED.highValue.email,
    'shared-email': SEEDED.sharedEmail,
    hostile: SEEDED.hostile.email,
  }
  const persons = pipedriveDataset().persons
  let checked = 0
  for (const { file, open } of shots) {
    const email = emails[/^(?:zendesk|pipedrive)-(.+)-(?:light|dark)\.png$/.exec(file)?.[1] ?? '']
    if (email === undefined) continue
    checked += 1
    if ('ticket' in open)
      expect(demoTickets().find((t) => t.id === open.ticket)?.requester.email).toBe(email)
    else expect(persons.find((p) => p.id === open.id)?.emails.map((e) => e.value)).toContain(email)
  }
  // Four customers, two apps, two schemes: a picture that stopped naming its customer is caught.
  expect(checked).toBe(16)
})

it('writes an index that links every picture', () => {
  const index = screenshotIndex(shots)
  for (const { file } of shots) expect(index).toContain(`[${file}](${file})`)
  expect(index.split('\n').filter((line) => /\.png\) +\|$/.test(line))).toHaveLength(shots.length)
})
