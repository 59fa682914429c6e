/**
 * @module seed/profile
 * Who a generated customer is: ids, name, email, phone, company and location traits, and which
 * channels they agreed to. Varied on purpose (userId styles, externalId as email or CRM id, phone
 * formats, missing fields) because integrations meet all of them.
 */
import { COMPANIES, JOB_TITLES, type Company } from './companies.ts'
import type { EmailRegistry } from './email-registry.ts'
import { asciiName, LOCALES, nativeName, type Locale } from './names.ts'
import type { Persona } from './persona.ts'
import type { Random } from './random.ts'

/** Identity fields a special customer pins; everything else is generated. */
export interface FixedIdentity {
  readonly id?: string
  readonly userId?: string
  readonly email?: string
  readonly firstName?: string
  readonly lastName?: string
  readonly countryCode?: string
  readonly company?: Company
}

export interface Profile {
  readonly id: string
  readonly userId: string | undefined
  readonly traits: Record<string, unknown>
  readonly locale: Locale
  readonly email: string | undefined
  /** A city they lived in before (sent in an early identify), when they moved. */
  readonly previousCity: string | undefined
}

const CONSUMER_DOMAINS: readonly string[] = [
  'example.com',
  'example.org',
  'example.net',
  'mail.example.com',
  'inbox.example',
]

function localPart(random: Random, first: string, last: string): string {
  return random.weighted<string>([
    [`${first}.${last}`, 5],
    [`${first}${last}`, 2],
    [`${first.charAt(0)}.${last}`, 2],
    [`${first}_${last}${random.int(1, 99)}`, 1],
    [`${first}.${last}+shop`, 1],
  ])
}

function userIdFor(random: Random, id: string, email: string | undefined): string {
  const style = random.weighted<string>([
    ['intilery', 4],
    ['usr', 3],
    ['numeric', 2],
    ['email', email === undefined ? 0 : 1],
  ])
  if (style === 'usr') return `usr_${random.hex(12)}`
  if (style === 'numeric') return String(random.int(100_000, 9_999_999))
  if (style === 'email' && email !== undefined) return email
  return id
}

export function buildProfile(
  random: Random,
  persona: Persona,
  emails: EmailRegistry,
  fixed: FixedIdentity = {}
): Profile {
  const locale =
    LOCALES.find((l) => l.countryCode === fixed.countryCode) ??
    random.weighted(LOCALES.map((l) => [l, l.weight] as const))
  const firstName = random.pick(locale.firstNames)
  const lastName = random.pick(locale.lastNames)
  const id = fixed.id ?? random.uuid()
  const company =
    fixed.company ?? (persona.b2b || random.chance(0.2) ? random.pick(COMPANIES) : undefined)
  const city = random.pick(locale.cities)
  const previousCity = random.chance(0.15)
    ? random.pick(locale.cities.filter((c) => c !== city))
    : undefined

  if (persona.anonymous) {
    // What an anonymous visitor's profile knows comes from geo-IP, if anything.
    const traits = random.chance(0.5) ? { city, country: locale.country } : {}
    return { id, userId: undefined, traits, locale, email: undefined, previousCity: undefined }
  }

  const domain =
    persona.b2b && company !== undefined ? company.domain : random.pick(CONSUMER_DOMAINS)
  const email =
    fixed.email ??
    emails.claim(`${localPart(random, asciiName(firstName), asciiName(lastName))}@${domain}`)
  const userId = fixed.userId ?? userIdFor(random, id, email)
  const phone = random.chance(0.7)
    ? locale.phone(String(random.int(10_000_000, 99_999_999)) + String(random.int(0, 9)))
    : undefined
  const traits: Record<string, unknown> = {
    firstName: fixed.firstName ?? nativeName(firstName),
    lastName: fixed.lastName ?? nativeName(lastName),
    email,
    externalId: random.chance(0.55)
      ? email
      : `CRM-${String(random.int(1, 999_999)).padStart(7, '0')}`,
    ...(phone === undefined ? {} : { phone }),
    city,
    country: locale.country,
    language: locale.language,
    ...(company === undefined
      ? {}
      : {
          organisation: company.organisation,
          industry: company.industry,
          website: `www.${company.domain}`,
          ...(persona.b2b ? { jobTitle: random.pick(JOB_TITLES) } : {}),
        }),
  }
  return { id, userId, traits, locale, email, previousCity }
}
