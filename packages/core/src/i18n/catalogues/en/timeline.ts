/**
 * @module i18n/catalogues/en/timeline
 * English text of every message the timeline builder emits (src/timeline). ICU subset: `{name}`
 * placeholders, `{count, plural, one {…} other {…}}` with `#` for the number. Values such as
 * `{total}` may be money or dates: the renderer formats them, the text only places them.
 *
 * Placeholder values taken from event data (subjects, paths, product names) are plain text and may
 * contain `{`, `<` or quotes: the renderer substitutes them, it never parses them as messages.
 *
 * Short on purpose: a row of a 320px sidebar. Keys are stable: translations follow this file, and
 * the builder's message ids are typed against it, so renaming a key here breaks the build there.
 * Quotes are typographic (“ ” ’): ICU reads an ASCII apostrophe as the start of an escape.
 */
export const timelineMessages = {
  // Emails. `…NoSubject` variants are used when the event carries no subject.
  'timeline.email.sent': 'Emailed “{subject}”',
  'timeline.email.sentNoSubject': 'Sent an email',
  'timeline.email.delivered': '“{subject}” delivered',
  'timeline.email.deliveredNoSubject': 'Email delivered',
  'timeline.email.opened': 'Opened “{subject}”',
  'timeline.email.openedNoSubject': 'Opened an email',
  'timeline.email.clicked': 'Clicked a link in “{subject}”',
  'timeline.email.clickedNoSubject': 'Clicked a link in an email',
  'timeline.email.bounced': '“{subject}” bounced',
  'timeline.email.bouncedNoSubject': 'Email bounced',
  'timeline.email.spam': 'Marked “{subject}” as spam',
  'timeline.email.spamNoSubject': 'Marked an email as spam',
  'timeline.email.unsubscribed': 'Unsubscribed via “{subject}”',
  'timeline.email.unsubscribedNoSubject': 'Unsubscribed from emails',

  // Web and app views. {page} is the page title, else its path, else its URL.
  'timeline.page.viewed': 'Viewed {page}',
  'timeline.page.viewedUnknown': 'Viewed a page',
  'timeline.screen.viewed': 'Viewed screen {screen}',
  'timeline.screen.viewedUnknown': 'Viewed a screen',

  // Profile updates (identify calls). Detail rows name the changed traits.
  'timeline.identify.changed': 'Profile updated: {count, plural, one {# trait} other {# traits}}',
  'timeline.identify.unchanged': 'Profile identified, no changes',

  // Shopping. {total} is money when the event has a currency, else a number.
  'timeline.commerce.searched': 'Searched for “{query}”',
  'timeline.commerce.searchedNoQuery': 'Searched products',
  'timeline.commerce.productViewed': 'Viewed {product}',
  'timeline.commerce.productViewedUnknown': 'Viewed a product',
  'timeline.commerce.productAdded': 'Added {product} to cart',
  'timeline.commerce.productAddedUnknown': 'Added a product to cart',
  'timeline.commerce.productRemoved': 'Removed {product} from cart',
  'timeline.commerce.productRemovedUnknown': 'Removed a product from cart',
  'timeline.commerce.cartViewed': 'Viewed cart: {count, plural, one {# item} other {# items}}',
  'timeline.commerce.cartViewedNoCount': 'Viewed cart',
  'timeline.commerce.checkoutStarted': 'Started checkout: {total}',
  'timeline.commerce.checkoutStartedNoTotal': 'Started checkout',
  'timeline.commerce.orderCompleted': 'Placed an order: {total}',
  'timeline.commerce.orderCompletedNoTotal': 'Placed an order',
  'timeline.commerce.orderRefunded': 'Order refunded: {total}',
  'timeline.commerce.orderRefundedNoTotal': 'Order refunded',
  'timeline.commerce.orderCancelled': 'Order cancelled: {total}',
  'timeline.commerce.orderCancelledNoTotal': 'Order cancelled',

  // Forms and leads.
  'timeline.form.submitted': 'Submitted “{form}”',
  'timeline.form.submittedUnknown': 'Submitted a form',
  'timeline.form.leadCreated': 'Became a lead',

  // App sessions.
  'timeline.session.appOpened': 'Opened the app',
  'timeline.session.appBackgrounded': 'Put the app in the background',
  'timeline.session.appInstalled': 'Installed the app',
  'timeline.session.appUpdated': 'Updated the app',
  'timeline.session.appUninstalled': 'Uninstalled the app',
  'timeline.session.appClosed': 'Closed the app',

  // Support: the Zendesk events the relay writes back. {ticket} is Zendesk's ticket number.
  'timeline.support.ticketCreated': 'Ticket #{ticket} opened',
  'timeline.support.ticketCreatedNoId': 'Ticket opened',
  'timeline.support.ticketSolved': 'Ticket #{ticket} solved',
  'timeline.support.ticketSolvedNoId': 'Ticket solved',
  'timeline.support.ticketReopened': 'Ticket #{ticket} reopened',
  'timeline.support.ticketReopenedNoId': 'Ticket reopened',
  // {rating} is `good`, `bad`, or `other` when the event names no usable rating.
  'timeline.support.rated':
    '{rating, select, good {Rated the support good} bad {Rated the support bad} other {Rated the support}}',

  // Sales: the Pipedrive events the relay writes back. {deal} is the deal's title, {stage} a
  // pipeline stage's name, {value} money (or a number without a currency), {reason} the lost reason.
  'timeline.sales.dealCreated': 'Deal {deal} created',
  'timeline.sales.dealCreatedNoTitle': 'Deal created',
  'timeline.sales.dealMoved': 'Deal {deal} moved to {stage}',
  'timeline.sales.dealMovedNoTitle': 'Deal moved to {stage}',
  'timeline.sales.dealStageChanged': 'Deal {deal} changed stage',
  'timeline.sales.dealStageChangedNoTitle': 'Deal changed stage',
  'timeline.sales.dealWon': 'Deal won: {value}',
  'timeline.sales.dealWonNoValue': 'Deal won',
  'timeline.sales.dealLost': 'Deal lost: {reason}',
  'timeline.sales.dealLostNoReason': 'Deal lost',
  'timeline.sales.personCreated': 'Added as a person in Pipedrive',

  // Links back to where a support or sales event happened.
  'timeline.link.ticket': 'Open ticket',
  'timeline.link.deal': 'Open deal',
  'timeline.link.person': 'Open person',

  // Any other event: {name} is the event name exactly as tracked.
  'timeline.custom.event': '{name}',
  'timeline.custom.unnamed': 'Unnamed event',

  // Detail row labels.
  'timeline.detail.campaign': 'Campaign',
  'timeline.detail.link': 'Link',
  'timeline.detail.url': 'URL',
  'timeline.detail.reason': 'Reason',
  'timeline.detail.list': 'List',
  'timeline.detail.path': 'Path',
  'timeline.detail.referrer': 'Referrer',
  'timeline.detail.price': 'Price',
  'timeline.detail.quantity': 'Quantity',
  'timeline.detail.category': 'Category',
  'timeline.detail.total': 'Total',
  'timeline.detail.currency': 'Currency',
  'timeline.detail.items': 'Items',
  'timeline.detail.coupon': 'Coupon',
  'timeline.detail.order': 'Order',
  'timeline.detail.page': 'Page',
  'timeline.detail.form': 'Form',
  'timeline.detail.leadSource': 'Lead source',
  'timeline.detail.version': 'Version',
  'timeline.detail.build': 'Build',
  'timeline.detail.previousVersion': 'Previous version',
  'timeline.detail.ticket': 'Ticket',
  'timeline.detail.previousStatus': 'Previous status',
  'timeline.detail.deal': 'Deal',
  'timeline.detail.value': 'Value',
  'timeline.detail.stage': 'Stage',
  'timeline.detail.previousStage': 'Previous stage',
  'timeline.detail.pipeline': 'Pipeline',

  // Bursts: several events of one kind within minutes, shown as one row. {count} is at least 2;
  // {first} is the earliest item's path, screen or search query.
  'timeline.burst.pages': 'Viewed {count, plural, one {# page} other {# pages}}, from {first}',
  'timeline.burst.pagesNoFirst': 'Viewed {count, plural, one {# page} other {# pages}}',
  'timeline.burst.screens':
    'Viewed {count, plural, one {# screen} other {# screens}}, from {first}',
  'timeline.burst.screensNoFirst': 'Viewed {count, plural, one {# screen} other {# screens}}',
  'timeline.burst.searches': '{count, plural, one {# search} other {# searches}}, from “{first}”',
  'timeline.burst.searchesNoFirst': '{count, plural, one {# search} other {# searches}}',
  'timeline.burst.productsViewed': 'Viewed {count, plural, one {# product} other {# products}}',
  'timeline.burst.productsAdded':
    'Added {count, plural, one {# product} other {# products}} to cart',
  'timeline.burst.productsRemoved':
    'Removed {count, plural, one {# product} other {# products}} from cart',
  'timeline.burst.emailsSent': 'Sent {count, plural, one {# email} other {# emails}}',
  'timeline.burst.emailsDelivered': '{count, plural, one {# email} other {# emails}} delivered',
  'timeline.burst.emailsOpened': 'Opened {count, plural, one {# email} other {# emails}}',
  'timeline.burst.emailsClicked':
    'Clicked {count, plural, one {# email link} other {# email links}}',
  'timeline.burst.emailsBounced': '{count, plural, one {# email} other {# emails}} bounced',
  'timeline.burst.profileUpdates': 'Profile updated {count, plural, one {# time} other {# times}}',
  'timeline.burst.repeated': '{name}, {count, plural, one {# time} other {# times}}',
  'timeline.burst.openedTimes': 'Opened “{subject}” {count, plural, one {# time} other {# times}}',
  'timeline.burst.openedNoSubjectTimes':
    'Opened an email {count, plural, one {# time} other {# times}}',
  'timeline.burst.clickedTimes':
    'Clicked a link in “{subject}” {count, plural, one {# time} other {# times}}',
  'timeline.burst.clickedNoSubjectTimes':
    'Clicked a link in an email {count, plural, one {# time} other {# times}}',
  'timeline.burst.ticketsOpened': '{count, plural, one {# ticket opened} other {# tickets opened}}',
  'timeline.burst.ticketsSolved': '{count, plural, one {# ticket solved} other {# tickets solved}}',
  'timeline.burst.dealsCreated': '{count, plural, one {# deal created} other {# deals created}}',
  'timeline.burst.dealStageChanges':
    '{count, plural, one {# deal stage change} other {# deal stage changes}}',
  'timeline.burst.productViewedTimes':
    'Viewed {product} {count, plural, one {# time} other {# times}}',
  'timeline.campaign.sent': 'Sent',
  'timeline.campaign.delivered': 'Delivered',
  'timeline.campaign.opened': 'Opened',
  'timeline.campaign.clicked': 'Clicked',
  'timeline.campaign.bounced': 'Bounced',
  'timeline.campaign.spam': 'Marked as spam',
  'timeline.campaign.unsubscribed': 'Unsubscribed',
  /** The panel's cue for rows a live refresh added out of sight. */
  'timeline.panel.newRows': '{count, plural, one {# new} other {# new}}',
} as const

/** Every message id the timeline builder may emit. */
export type TimelineMessageId = keyof typeof timelineMessages
