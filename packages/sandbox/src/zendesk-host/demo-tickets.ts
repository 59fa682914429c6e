/**
 * @module zendesk-host/demo-tickets
 * The tickets of the local Zendesk: one per kind of customer the sidebar must handle well.
 */
import { SEEDED } from '../seed/index.ts'

export interface Requester {
  readonly id: number
  readonly name: string
  readonly email: string | null
  readonly externalId: string | null
}

export interface DemoTicket {
  readonly id: number
  readonly subject: string
  /** What the demo shows it for. */
  readonly about: string
  readonly requester: Requester
}

export function demoTickets(): readonly DemoTicket[] {
  const ticket = (
    id: number,
    subject: string,
    about: string,
    requester: Omit<Requester, 'id'>
  ) => ({
    id,
    subject,
    about,
    requester: { id: 9000 + id, ...requester },
  })
  return [
    ticket(101, 'Where is my order?', 'Joe Bloggs, the spec’s example customer', {
      name: 'Joe Bloggs',
      email: SEEDED.joeBloggs.email,
      externalId: null,
    }),
    ticket(102, 'Two accounts?', 'one email, two Intilery customers: the picker', {
      name: 'Sam Taylor',
      email: SEEDED.sharedEmail,
      externalId: null,
    }),
    ticket(103, 'Question from a new visitor', 'an email Intilery does not know', {
      name: 'Nobody Known',
      email: 'nobody.known@example.com',
      externalId: null,
    }),
    ticket(104, 'Weird characters in my name', 'hostile strings, rendered as text', {
      name: 'Bobby Tables',
      email: SEEDED.hostile.email,
      externalId: null,
    }),
    ticket(105, 'Power user feedback', 'a customer with thousands of events', {
      name: 'Power User',
      email: null,
      externalId: SEEDED.powerUser.userId,
    }),
    ticket(106, 'Upgrade my order', 'a VIP shopper with many orders, in pounds and euros', {
      name: `${SEEDED.highValue.firstName} ${SEEDED.highValue.lastName}`,
      email: SEEDED.highValue.email,
      externalId: null,
    }),
  ]
}

/** Each ticket's requester once, in ticket order: whom the ticket page's requester picker offers. */
export function distinctRequesters(tickets: readonly DemoTicket[]): readonly Requester[] {
  return [...new Map(tickets.map((t) => [t.requester.id, t.requester])).values()]
}
