// The port on the real `pipedrive` npm client, against the sandbox's Pipedrive.
import { SEEDED, type RunningPipedrive } from '@intilery-connect/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { PipedriveCallError, type PipedriveApi } from './pipedrive-port.ts'
import { clientOnStandIn, REDIRECT } from './test/client-on-stand-in.ts'

let pipedrive: RunningPipedrive
let api: PipedriveApi

beforeAll(async () => {
  ;({ pipedrive, api } = await clientOnStandIn())
})
afterAll(() => pipedrive.stop())

async function installed(userId = 2001) {
  const code = pipedrive.grants.issueCode(1001, userId, REDIRECT)
  return api.oauth.exchangeCode(code)
}

describe('the pipedrive client port', () => {
  it('exchanges a code and refreshes to a new access token with the same refresh token', async () => {
    const first = await installed()
    expect(first).toMatchObject({ expires_in: 3600, api_domain: pipedrive.url })
    const again = await api.oauth.refresh(first.refresh_token)
    expect(again.refresh_token).toBe(first.refresh_token)
    expect(again.access_token).not.toBe(first.access_token)
  })

  it('reports a dead refresh token or a used code as revoked', async () => {
    await expect(api.oauth.refresh('v1r:unknown')).rejects.toMatchObject({ failure: 'revoked' })
    const code = pipedrive.grants.issueCode(1001, 2001, REDIRECT)
    await api.oauth.exchangeCode(code)
    await expect(api.oauth.exchangeCode(code)).rejects.toBeInstanceOf(PipedriveCallError)
  })

  it('reads users/me, persons, deals and an organization’s persons', async () => {
    const token = (await installed(2002)).access_token
    const crm = api.crm(pipedrive.url, () => Promise.resolve(token))
    expect(await crm.me()).toEqual({
      id: '2002',
      companyId: '1001',
      isAdmin: false,
      companyName: 'Acme Trading',
      companyDomain: 'acme',
    })
    expect(await crm.person(1)).toMatchObject({
      id: 1,
      name: 'Joe Bloggs',
      emails: [{ value: SEEDED.joeBloggs.email, primary: true }],
    })
    expect(await crm.person(999)).toBeUndefined()
    expect(await crm.deal(2)).toMatchObject({ id: 2, person_id: null })
    const org = await crm.personsOfOrganization(2, 3)
    expect(org.persons.map((p) => p.id)).toEqual([2, 3, 4])
    expect(org.more).toBe(true)
    // All of them within the limit: no next cursor, so no more.
    const whole = await crm.personsOfOrganization(2, 10)
    expect(whole.persons.map((p) => [p.id, p.name])).toEqual([
      [2, 'Sam Taylor'],
      [3, 'Zoë Çelik'],
      [4, 'Walk-in Customer'],
      [5, 'Bobby <img src=x onerror=alert(1)> Tables'],
      [6, 'Priya Patel'],
      [7, 'Nobody Known'],
    ])
    expect(whole.more).toBe(false)
  })

  it('adds a note, and tells an expired token apart from a missing person', async () => {
    const token = (await installed()).access_token
    const crm = api.crm(pipedrive.url, () => Promise.resolve(token))
    const note = await crm.addNote({ content: 'Summary', personId: 1 })
    expect(pipedrive.notes.at(-1)).toMatchObject({ id: note.id, content: 'Summary', person_id: 1 })
    pipedrive.grants.expireAccessTokens()
    await expect(crm.person(1)).rejects.toMatchObject({ failure: 'unauthorized' })
  })
})
