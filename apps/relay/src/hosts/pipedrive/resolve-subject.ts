/**
 * @module hosts/pipedrive/resolve-subject
 * Who a Pipedrive record is, as emails Intilery may know: a person's emails (primary first); a
 * deal's contact person's; an organization's first few persons' (the panel says it looked at only
 * those). Each dead end has a reason, so the panel can say why it shows no customer. The persons
 * read are kept too (`people`): the JSON panel names them, links to them and, for an
 * organization, rolls its people up into one account.
 */
import type {
  NoCustomerReason,
  PipedriveResource,
  Subject as SubjectAnswer,
} from '@intilery-connect/core'

import type { PipedriveCrm, PipedrivePerson } from './api/pipedrive-port.ts'

export type { NoCustomerReason, PipedriveResource }

/**
 * A record resolved to candidate emails, before any is looked up in Intilery: the browsers'
 * Subject (core's relay contract) without its `lookup`, and with a reason only when there are no
 * emails to try.
 */
export type Subject = Omit<SubjectAnswer, 'lookup' | 'reason' | 'emails'> & {
  readonly emails: readonly string[]
  readonly reason?: Exclude<NoCustomerReason, 'no_profile'>
  /**
   * The Pipedrive persons read, in Pipedrive's order: the person, the deal's contact person, or an
   * organization's first ORGANIZATION_PEOPLE (relay-only: the browsers' Subject has no such part).
   */
  readonly people?: readonly SubjectPerson[]
  /** Organizations only: Pipedrive has more people than `people` holds. */
  readonly morePeople?: boolean
}

/** One Pipedrive person as the panels name it: id, name and emails (primary first). */
export interface SubjectPerson {
  readonly id: number
  readonly name: string
  readonly emails: readonly string[]
}

/** Persons of an organization whose emails find its customer (the custom panel's subject). */
export const ORGANIZATION_PERSONS = 3
/**
 * Persons of an organization read in the one list call (Pipedrive's `limit`), for the JSON
 * panel's account roll-up: each is then looked up in Intilery, so this also bounds that.
 */
export const ORGANIZATION_PEOPLE = 8
/** Emails tried against Intilery at most, whatever the record holds. */
export const MAX_EMAILS = 5

const EMAIL = /^[^\s@]+@[^\s@]+$/

/** A person's emails, primary first, as Pipedrive orders the rest. */
export function emailsOf(person: PipedrivePerson): string[] {
  const valid = person.emails.filter((e) => EMAIL.test(e.value.trim()))
  return [
    ...valid.filter((e) => e.primary === true),
    ...valid.filter((e) => e.primary !== true),
  ].map((e) => e.value.trim())
}

function distinct(emails: readonly string[]): string[] {
  const seen = new Set<string>()
  return emails
    .filter((email) => {
      const key = email.toLowerCase()
      if (seen.has(key)) return false
      seen.add(key)
      return true
    })
    .slice(0, MAX_EMAILS)
}

function personOf(person: PipedrivePerson): SubjectPerson {
  return { id: person.id, name: person.name ?? '', emails: emailsOf(person) }
}

function fromPersons(
  resource: PipedriveResource,
  id: number,
  persons: readonly PipedrivePerson[],
  extra: Pick<Subject, 'persons' | 'people' | 'morePeople'> = {}
): Subject {
  const emails = distinct(persons.flatMap(emailsOf))
  const people = extra.people ?? persons.map(personOf)
  return emails.length === 0
    ? { resource, id, emails, reason: 'no_email', ...extra, people }
    : { resource, id, emails, ...extra, people }
}

export async function resolveSubject(
  crm: PipedriveCrm,
  resource: PipedriveResource,
  id: number
): Promise<Subject> {
  if (resource === 'person') {
    const person = await crm.person(id)
    if (person === undefined) return { resource, id, emails: [], reason: 'not_found' }
    return fromPersons(resource, id, [person])
  }
  if (resource === 'deal') {
    const deal = await crm.deal(id)
    if (deal === undefined) return { resource, id, emails: [], reason: 'not_found' }
    if (deal.person_id == null) return { resource, id, emails: [], reason: 'no_person' }
    const person = await crm.person(deal.person_id)
    if (person === undefined) return { resource, id, emails: [], reason: 'no_person' }
    return fromPersons(resource, id, [person])
  }
  const { persons: all, more } = await crm.personsOfOrganization(id, ORGANIZATION_PEOPLE)
  if (all.length === 0) return { resource, id, emails: [], reason: 'no_person' }
  const persons = all.slice(0, ORGANIZATION_PERSONS)
  return fromPersons(resource, id, persons, {
    persons: { shown: persons.length, more: more || all.length > persons.length },
    people: all.map(personOf),
    morePeople: more,
  })
}
