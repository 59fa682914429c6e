/**
 * @module pipedrive/data
 * The local Pipedrive company: its users, persons, organizations and deals, in the v2 API's shapes.
 * Persons carry the emails of sandbox customers, so the relay's lookups find real Intilery data:
 * Joe Bloggs is person 1, as the demo documents; the shared email is person 2, the hostile
 * customer person 5, the high-value shopper person 8 (deal 4), and organization 3 is an account
 * with several people Intilery knows.
 */
import { SEEDED } from '../seed/index.ts'

export const DEMO_COMPANY = { id: 1001, name: 'Acme Trading', domain: 'acme' } as const

export interface PipedriveUser {
  readonly id: number
  readonly name: string
  readonly email: string
  readonly is_admin: boolean
}

export interface ContactPoint {
  readonly value: string
  readonly primary: boolean
  readonly label: string
}

export interface PipedrivePerson {
  readonly id: number
  readonly name: string
  readonly first_name: string | null
  readonly last_name: string | null
  readonly org_id: number | null
  readonly emails: readonly ContactPoint[]
  readonly phones: readonly ContactPoint[]
}

export interface PipedriveOrganization {
  readonly id: number
  readonly name: string
}

export interface PipedriveDeal {
  readonly id: number
  readonly title: string
  readonly person_id: number | null
  readonly org_id: number | null
  readonly value: number
  readonly currency: string
  readonly status: 'open' | 'won' | 'lost'
  /** The deal's place in a pipeline (v2's field names). */
  readonly pipeline_id: number
  readonly stage_id: number
  readonly lost_reason: string | null
  readonly owner_id: number
}

export interface PipedrivePipeline {
  readonly id: number
  readonly name: string
}

/** A pipeline's stages, in `order_nr` order: "move to the next stage" follows it. */
export interface PipedriveStage {
  readonly id: number
  readonly name: string
  readonly pipeline_id: number
  readonly order_nr: number
}

const email = (value: string, primary = true, label = 'work'): ContactPoint => ({
  value,
  primary,
  label,
})

export interface PipedriveDataset {
  readonly users: readonly PipedriveUser[]
  readonly persons: readonly PipedrivePerson[]
  readonly organizations: readonly PipedriveOrganization[]
  readonly deals: readonly PipedriveDeal[]
  readonly pipelines: readonly PipedrivePipeline[]
  readonly stages: readonly PipedriveStage[]
}

const stage = (id: number, name: string, pipelineId: number, order: number): PipedriveStage => ({
  id,
  name,
  pipeline_id: pipelineId,
  order_nr: order,
})

export function pipedriveDataset(): PipedriveDataset {
  const person = (
    id: number,
    name: string,
    orgId: number | null,
    emails: ContactPoint[],
    phone?: string
  ): PipedrivePerson => {
    const [first, ...rest] = name.split(' ')
    return {
      id,
      name,
      first_name: first ?? null,
      last_name: rest.length > 0 ? rest.join(' ') : null,
      org_id: orgId,
      emails,
      phones: phone === undefined ? [] : [{ value: phone, primary: true, label: 'work' }],
    }
  }
  const inSales = { pipeline_id: 1, lost_reason: null, owner_id: 2001 } as const
  return {
    pipelines: [
      { id: 1, name: 'Sales' },
      { id: 2, name: 'Partnerships' },
    ],
    stages: [
      stage(1, 'Qualified', 1, 1),
      stage(2, 'Contact made', 1, 2),
      stage(3, 'Proposal made', 1, 3),
      stage(4, 'Negotiation', 1, 4),
      stage(5, 'Introduced', 2, 1),
      stage(6, 'Agreed', 2, 2),
    ],
    users: [
      { id: 2001, name: 'Alex Admin', email: 'alex.admin@acme.example', is_admin: true },
      { id: 2002, name: 'Riley Rep', email: 'riley.rep@acme.example', is_admin: false },
    ],
    organizations: [
      { id: 1, name: 'Intilery' },
      { id: 2, name: 'Example Ltd' },
      // An account whose buyers Intilery mostly knows: the organization panel's roll-up.
      { id: 3, name: 'Whitfield & Partners Interiors' },
    ],
    persons: [
      person(1, 'Joe Bloggs', 1, [email(SEEDED.joeBloggs.email)], '+44 20 7946 0000'),
      person(2, 'Sam Taylor', 2, [email(SEEDED.sharedEmail)]),
      // Three emails, and the one Intilery knows is neither the first nor the primary.
      person(3, 'Zoë Çelik', 2, [
        email('zoe.celik@work.example', true),
        email('zoe@home.example', false, 'home'),
        email(SEEDED.unicode.email, false, 'other'),
      ]),
      person(4, 'Walk-in Customer', 2, []),
      person(5, 'Bobby <img src=x onerror=alert(1)> Tables', 2, [email(SEEDED.hostile.email)]),
      person(6, 'Priya Patel', 2, [email(SEEDED.powerUser.email)]),
      person(7, 'Nobody Known', 2, [email('nobody.known@example.com')]),
      // Organization 3: four people Intilery knows (the high-value shopper first) and one it does not.
      person(
        8,
        `${SEEDED.highValue.firstName} ${SEEDED.highValue.lastName}`,
        3,
        [email(SEEDED.highValue.email)],
        '+44 7700 900417'
      ),
      // Names of several words ("Ana María Muñoz") keep their own first and last name.
      ...SEEDED.unicodeCast.slice(1, 5).map((c, i) => ({
        ...person(9 + i, `${c.firstName} ${c.lastName}`, 3, [email(c.email)]),
        first_name: c.firstName,
        last_name: c.lastName,
      })),
      person(13, 'Accounts Payable', 3, [email('accounts@whitfield-partners.example')]),
    ],
    deals: [
      {
        ...inSales,
        stage_id: 3,
        id: 1,
        title: 'Intilery renewal',
        person_id: 1,
        org_id: 1,
        value: 12000,
        currency: 'GBP',
        status: 'open',
      },
      {
        ...inSales,
        stage_id: 1,
        id: 2,
        title: 'Bulk order (no contact yet)',
        person_id: null,
        org_id: 2,
        value: 4500,
        currency: 'EUR',
        status: 'open',
      },
      {
        ...inSales,
        stage_id: 2,
        id: 3,
        title: 'Priya upgrade',
        person_id: 6,
        org_id: 2,
        value: 900,
        currency: 'USD',
        status: 'open',
      },
      {
        ...inSales,
        stage_id: 4,
        id: 4,
        title: 'Whitfield & Partners trade account',
        person_id: 8,
        org_id: 3,
        value: 24000,
        currency: 'GBP',
        status: 'open',
      },
    ],
  }
}
