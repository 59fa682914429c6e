/**
 * @module seed/behaviours/email
 * Email events in causal order: sent, then delivered or bounced, then perhaps opened (sometimes
 * twice), clicked (landing on the linked page) and, rarely, an unsubscribe.
 */
import { CAMPAIGNS, type CampaignAudience, type EmailContent } from '../campaigns.ts'
import { pageAt } from '../sites.ts'
import { DAY, HOUR, MINUTE, SECOND } from '../timeline.ts'
import { marketingAllowed, type Actor } from './actor.ts'
import { browse } from './browsing.ts'

export interface EmailOptions {
  /** Chance of opening. */
  readonly engagement: number
  /**
   * Only campaigns carry an unsubscribe link in this brand. Unsubscribing can then only happen while
   * campaigns are drawn, before any visit, so later triggered emails already know about it.
   */
  readonly unsubscribable?: boolean | undefined
  /** Overrides the subject (order confirmations name the order). */
  readonly subject?: string | undefined
}

function emailProperties(content: EmailContent, subject: string): Record<string, unknown> {
  return { email_id: content.email_id, email_subject: subject, campaign_id: content.campaign_id }
}

/** Sends one email and plays out what the customer does with it. */
export function sendEmail(
  actor: Actor,
  sentMs: number,
  content: EmailContent,
  options: EmailOptions
): void {
  const { random, timeline } = actor
  if (actor.email === undefined) return
  const properties = emailProperties(content, options.subject ?? content.email_subject)
  const emailEvent = (
    name: string,
    ms: number,
    extra: Record<string, unknown> = {},
    withContext = false
  ) =>
    timeline.add(ms, {
      type: 'track',
      name,
      sendType: 'email',
      properties: { ...properties, ...extra },
      // Opens and clicks come from the reader's mail client; sends and deliveries from Intilery.
      ...(withContext ? { context: actor.web.context() } : {}),
    })

  if (!emailEvent('Email Sent', sentMs)) return
  if (random.chance(0.02)) {
    emailEvent('Email Bounced', sentMs + random.int(2 * SECOND, 90 * SECOND), {
      reason: random.pick(['mailbox_full', 'mailbox_does_not_exist', 'message_rejected']),
    })
    return
  }
  const deliveredMs = sentMs + random.int(SECOND, 45 * SECOND)
  if (!emailEvent('Email Delivered', deliveredMs) || !random.chance(options.engagement)) return

  const openedMs =
    deliveredMs +
    (random.chance(0.65) ? 30 * SECOND + random.expMs(2 * HOUR) : random.int(6 * HOUR, 4 * DAY))
  if (!emailEvent('Email Opened', openedMs, {}, true)) return
  if (random.chance(0.2))
    emailEvent('Email Opened', openedMs + random.int(10 * MINUTE, 2 * DAY), {}, true)

  if (content.links.length > 0 && random.chance(0.4)) {
    const link = random.pick(content.links)
    const clickedMs = openedMs + random.int(5 * SECOND, 5 * MINUTE)
    if (emailEvent('Email Clicked', clickedMs, { link: link.link, url: link.url }, true)) {
      const target = pageAt(link.url)
      if (target !== undefined) {
        browse(actor, clickedMs + random.int(2 * SECOND, 20 * SECOND), {
          site: target.site,
          landing: { page: target.page, url: link.url },
          referrer: '',
          morePages: random.int(0, 4),
        })
      }
    }
  }
  if (options.unsubscribable === true && random.chance(0.012)) {
    const unsubscribedMs = openedMs + random.int(20 * SECOND, 3 * MINUTE)
    if (emailEvent('Unsubscribed', unsubscribedMs, { list: 'marketing' }, true))
      actor.unsubscribedAt = unsubscribedMs
  }
}

/** The campaigns of one audience that reach this customer while they are on the list. */
export function receiveCampaigns(
  actor: Actor,
  audience: CampaignAudience,
  fromMs: number,
  options: { readonly engagement: number; readonly share: number }
): void {
  for (const campaign of CAMPAIGNS) {
    if (campaign.audience !== audience) continue
    // A big send takes a while to go out, so recipients get it minutes apart.
    const sentMs = actor.timeline.ago(campaign.agoMs) + actor.random.int(0, 40 * MINUTE)
    if (sentMs < fromMs || !marketingAllowed(actor, sentMs) || !actor.random.chance(options.share))
      continue
    sendEmail(actor, sentMs, campaign, { engagement: options.engagement, unsubscribable: true })
  }
}
