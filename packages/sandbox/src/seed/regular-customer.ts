/**
 * @module seed/regular-customer
 * One generated customer from start to finish: persona, profile, sign-up, email programme and
 * visits spread over their active period, then derived traits and audiences.
 */
import type { BrandCoordinates, CustomerRecord } from '../store/types.ts'
import { appChannel, webChannel, type Actor } from './behaviours/actor.ts'
import { appSession } from './behaviours/app.ts'
import { browse } from './behaviours/browsing.ts'
import { receiveCampaigns, sendEmail } from './behaviours/email.ts'
import { identify } from './behaviours/identity.ts'
import { registerForWebinar, startTrial, submitForm, type FormKey } from './behaviours/leads.ts'
import { shoppingVisit } from './behaviours/shopping.ts'
import { TRANSACTIONAL } from './campaigns.ts'
import { CATEGORIES } from './catalog.ts'
import { finishCustomer, startCustomer, subscriptionIdFor, type Finish } from './customer-record.ts'
import type { EmailRegistry } from './email-registry.ts'
import { CUSTOMER_IMPORTS, csvCreatedBy, type CsvImport } from './imports.ts'
import { choosePersona, type Persona, type PersonaKind } from './persona.ts'
import { buildProfile, type FixedIdentity, type Profile } from './profile.ts'
import { randomFor } from './random.ts'
import { INTILERY_SITE, SHOP } from './sites.ts'
import { DAY, HOUR, MINUTE, SECOND, Timeline } from './timeline.ts'

export interface SeedContext {
  readonly now: number
  readonly seed: number
  readonly brand: BrandCoordinates
  readonly emails: EmailRegistry
}

export interface RegularOptions {
  /** Names the customer's random stream: the same label always yields the same customer. */
  readonly label: string
  readonly kind?: PersonaKind
  readonly fixed?: FixedIdentity
  /** The CSV import that created them; by default some customers are drawn into one. */
  readonly csv?: CsvImport
  /** Overrides of the drawn persona (the power user is active every day of the window). */
  readonly persona?: Partial<Persona>
  /** Traits on top of the generated ones. */
  readonly traits?: Record<string, unknown>
  /** Draws further events onto the customer's timeline before it is built. */
  readonly extra?: (actor: Actor) => void
  readonly finish?: Omit<Finish, 'preferences'>
  /** Static audiences besides the CSV import's. */
  readonly audiencesStatic?: readonly string[]
}

const WEEK = 7 * DAY

function signUp(actor: Actor, persona: Persona, profile: Profile, firstMs: number): void {
  const { random } = actor
  const { phone: _phone, ...initial } = profile.traits
  const traits =
    profile.previousCity === undefined ? initial : { ...initial, city: profile.previousCity }
  if (persona.b2b) {
    const form = random.pick<FormKey>(['demo', 'whitepaper', 'contact', 'trial'])
    const submittedMs = submitForm(actor, firstMs, form)
    if (submittedMs === undefined) return
    identify(actor, submittedMs + random.int(SECOND, 4 * SECOND), traits)
    if (form === 'trial')
      startTrial(actor, submittedMs + random.int(MINUTE, 10 * MINUTE), random.chance(0.4))
    return
  }
  const endMs = browse(actor, firstMs, {
    site: SHOP,
    morePages: random.int(0, 3),
    endOn: [{ path: '/account/register', title: 'Create an account | Harbour & Pine' }],
  })
  identify(actor, endMs + random.int(20 * SECOND, 2 * MINUTE), traits)
  sendEmail(actor, endMs + random.int(3 * MINUTE, 6 * MINUTE), TRANSACTIONAL.welcome, {
    engagement: 0.6,
  })
}

/** Later profile updates: a move, a phone number added. */
function updateTraits(actor: Actor, profile: Profile, firstMs: number, lastMs: number): void {
  const { random } = actor
  const at = () => firstMs + random.int(HOUR, Math.max(HOUR, lastMs - firstMs))
  if (profile.previousCity !== undefined) identify(actor, at(), { city: profile.traits.city })
  if (profile.traits.phone !== undefined) identify(actor, at(), { phone: profile.traits.phone })
}

function visit(actor: Actor, persona: Persona, ms: number): void {
  const { random } = actor
  const kind = random.weighted(persona.visitMix)
  if (kind === 'shop') shoppingVisit(actor, ms, persona.intent)
  else if (kind === 'app' && actor.app !== undefined) appSession(actor, ms, persona.intent)
  else if (kind === 'b2b') {
    if (random.chance(0.1))
      submitForm(actor, ms, random.pick<FormKey>(['demo', 'whitepaper', 'contact']))
    else {
      const endMs = browse(actor, ms, { site: INTILERY_SITE, morePages: random.int(1, 5) })
      if (random.chance(0.08))
        registerForWebinar(actor, endMs + random.int(30 * SECOND, 3 * MINUTE))
    }
  } else browse(actor, ms, { site: SHOP, morePages: random.int(0, 5) })
}

export function regularCustomer(ctx: SeedContext, options: RegularOptions): CustomerRecord {
  const random = randomFor(ctx.seed, options.label)
  let persona: Persona = { ...choosePersona(random, options.kind), ...options.persona }
  const csv =
    options.csv ??
    (!persona.anonymous && random.chance(0.12) ? random.pick(CUSTOMER_IMPORTS) : undefined)
  if (csv !== undefined) {
    const firstSeenAgo = Math.min(persona.firstSeenAgo, csv.agoMs - random.int(HOUR, 5 * DAY))
    persona = { ...persona, firstSeenAgo, lastSeenAgo: Math.min(persona.lastSeenAgo, firstSeenAgo) }
  }
  const profile = buildProfile(random, persona, ctx.emails, options.fixed)
  const webAnonymousId = persona.anonymous || random.chance(0.75) ? random.uuid() : undefined
  const appAnonymousId = persona.usesApp ? random.uuid() : undefined
  const customer = startCustomer({
    id: profile.id,
    userId: profile.userId,
    anonymousIds: [webAnonymousId, appAnonymousId].filter((id) => id !== undefined),
    traits: { ...profile.traits, ...options.traits },
    audiencesStatic: [
      ...(csv === undefined ? [] : [csv.audience]),
      ...(options.audiencesStatic ?? []),
      ...(random.chance(0.03) ? ['audience_beta_testers'] : []),
    ].filter((id, i, all) => all.indexOf(id) === i),
    ...(csv === undefined ? {} : { createdBy: csvCreatedBy(csv, ctx.now, random) }),
    subscriptionId: subscriptionIdFor(ctx.brand, random.uuid()),
  })

  const timeline = new Timeline(ctx.now, random)
  const language = profile.locale.language
  const actor: Actor = {
    random,
    timeline,
    currency: profile.locale.currency,
    email: profile.email,
    web: webChannel(random, profile.email, language, webAnonymousId),
    app:
      appAnonymousId === undefined
        ? undefined
        : appChannel(random, profile.email, language, appAnonymousId),
    favouriteCategories: random.sample(CATEGORIES, 2),
    emailOptIn: persona.emailOptIn,
    unsubscribedAt: undefined,
    appInstalled: false,
  }
  const firstMs = timeline.ago(persona.firstSeenAgo)
  const lastMs = timeline.ago(persona.lastSeenAgo)
  if (!persona.anonymous) {
    signUp(actor, persona, profile, firstMs)
    updateTraits(actor, profile, firstMs, lastMs)
  }
  // Campaigns before visits: an unsubscribe must be known before later cart reminders are sent.
  if (persona.emailOptIn)
    receiveCampaigns(actor, persona.b2b ? 'b2b' : 'shop', firstMs, {
      engagement: persona.engagement,
      share: 0.6,
    })
  const visits = Math.round(((lastMs - firstMs) / WEEK) * persona.visitsPerWeek)
  visit(actor, persona, lastMs)
  for (let i = 0; i < visits; i += 1)
    visit(actor, persona, firstMs + random.int(0, lastMs - firstMs))
  options.extra?.(actor)

  const phone = profile.traits.phone !== undefined
  return finishCustomer(customer, timeline, ctx.brand, {
    ...options.finish,
    preferences: {
      email: persona.emailOptIn && actor.unsubscribedAt === undefined,
      sms: phone && random.chance(0.35),
      whatsapp: phone && random.chance(0.15),
      facebook: !persona.anonymous && random.chance(0.2),
      push: actor.appInstalled && random.chance(0.6),
    },
  })
}
