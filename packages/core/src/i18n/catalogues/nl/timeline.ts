/**
 * @module i18n/catalogues/nl/timeline
 * Dutch translation of the timeline messages (../en/timeline.ts, the reference).
 * Curly quotes around data; past participles, as Dutch activity feeds phrase them.
 */
import type { timelineMessages as english } from '../en/timeline.ts'
import type { Translation } from '../types.ts'

export const timelineMessages: Translation<typeof english> = {
  'timeline.email.sent': 'E-mail “{subject}” verstuurd',
  'timeline.email.sentNoSubject': 'E-mail verstuurd',
  'timeline.email.delivered': '“{subject}” afgeleverd',
  'timeline.email.deliveredNoSubject': 'E-mail afgeleverd',
  'timeline.email.opened': '“{subject}” geopend',
  'timeline.email.openedNoSubject': 'E-mail geopend',
  'timeline.email.clicked': 'Link in “{subject}” aangeklikt',
  'timeline.email.clickedNoSubject': 'Link in een e-mail aangeklikt',
  'timeline.email.bounced': '“{subject}” onbestelbaar',
  'timeline.email.bouncedNoSubject': 'E-mail onbestelbaar',
  'timeline.email.spam': '“{subject}” als spam gemarkeerd',
  'timeline.email.spamNoSubject': 'E-mail als spam gemarkeerd',
  'timeline.email.unsubscribed': 'Afgemeld via “{subject}”',
  'timeline.email.unsubscribedNoSubject': 'Afgemeld voor e-mails',
  'timeline.page.viewed': '{page} bekeken',
  'timeline.page.viewedUnknown': 'Pagina bekeken',
  'timeline.screen.viewed': 'Scherm {screen} bekeken',
  'timeline.screen.viewedUnknown': 'Scherm bekeken',
  'timeline.identify.changed':
    'Profiel bijgewerkt: {count, plural, one {# kenmerk} other {# kenmerken}}',
  'timeline.identify.unchanged': 'Profiel geïdentificeerd, geen wijzigingen',
  'timeline.commerce.searched': 'Gezocht naar “{query}”',
  'timeline.commerce.searchedNoQuery': 'Producten gezocht',
  'timeline.commerce.productViewed': '{product} bekeken',
  'timeline.commerce.productViewedUnknown': 'Product bekeken',
  'timeline.commerce.productAdded': '{product} in winkelwagen gelegd',
  'timeline.commerce.productAddedUnknown': 'Product in winkelwagen gelegd',
  'timeline.commerce.productRemoved': '{product} uit winkelwagen verwijderd',
  'timeline.commerce.productRemovedUnknown': 'Product uit winkelwagen verwijderd',
  'timeline.commerce.cartViewed':
    'Winkelwagen bekeken: {count, plural, one {# artikel} other {# artikelen}}',
  'timeline.commerce.cartViewedNoCount': 'Winkelwagen bekeken',
  'timeline.commerce.checkoutStarted': 'Afrekenen gestart: {total}',
  'timeline.commerce.checkoutStartedNoTotal': 'Afrekenen gestart',
  'timeline.commerce.orderCompleted': 'Bestelling geplaatst: {total}',
  'timeline.commerce.orderCompletedNoTotal': 'Bestelling geplaatst',
  'timeline.commerce.orderRefunded': 'Bestelling terugbetaald: {total}',
  'timeline.commerce.orderRefundedNoTotal': 'Bestelling terugbetaald',
  'timeline.commerce.orderCancelled': 'Bestelling geannuleerd: {total}',
  'timeline.commerce.orderCancelledNoTotal': 'Bestelling geannuleerd',
  'timeline.form.submitted': '“{form}” verzonden',
  'timeline.form.submittedUnknown': 'Formulier verzonden',
  'timeline.form.leadCreated': 'Lead geworden',
  'timeline.session.appOpened': 'App geopend',
  'timeline.session.appBackgrounded': 'App naar de achtergrond',
  'timeline.session.appInstalled': 'App geïnstalleerd',
  'timeline.session.appUpdated': 'App bijgewerkt',
  'timeline.session.appUninstalled': 'App verwijderd',
  'timeline.session.appClosed': 'App gesloten',
  'timeline.custom.event': '{name}',
  'timeline.custom.unnamed': 'Naamloze gebeurtenis',
  'timeline.detail.campaign': 'Campagne',
  'timeline.detail.link': 'Link',
  'timeline.detail.url': 'URL',
  'timeline.detail.reason': 'Reden',
  'timeline.detail.list': 'Lijst',
  'timeline.detail.path': 'Pad',
  'timeline.detail.referrer': 'Verwijzer',
  'timeline.detail.price': 'Prijs',
  'timeline.detail.quantity': 'Aantal',
  'timeline.detail.category': 'Categorie',
  'timeline.detail.total': 'Totaal',
  'timeline.detail.currency': 'Valuta',
  'timeline.detail.items': 'Artikelen',
  'timeline.detail.coupon': 'Kortingscode',
  'timeline.detail.order': 'Bestelling',
  'timeline.detail.page': 'Pagina',
  'timeline.detail.form': 'Formulier',
  'timeline.detail.leadSource': 'Leadbron',
  'timeline.detail.version': 'Versie',
  'timeline.detail.build': 'Build',
  'timeline.detail.previousVersion': 'Vorige versie',
  'timeline.burst.pages':
    '{count, plural, one {# pagina} other {# pagina’s}} bekeken, vanaf {first}',
  'timeline.burst.pagesNoFirst': '{count, plural, one {# pagina} other {# pagina’s}} bekeken',
  'timeline.burst.screens':
    '{count, plural, one {# scherm} other {# schermen}} bekeken, vanaf {first}',
  'timeline.burst.screensNoFirst': '{count, plural, one {# scherm} other {# schermen}} bekeken',
  'timeline.burst.searches':
    '{count, plural, one {# zoekopdracht} other {# zoekopdrachten}}, vanaf “{first}”',
  'timeline.burst.searchesNoFirst':
    '{count, plural, one {# zoekopdracht} other {# zoekopdrachten}}',
  'timeline.burst.productsViewed': '{count, plural, one {# product} other {# producten}} bekeken',
  'timeline.burst.productsAdded':
    '{count, plural, one {# product} other {# producten}} in winkelwagen gelegd',
  'timeline.burst.productsRemoved':
    '{count, plural, one {# product} other {# producten}} uit winkelwagen verwijderd',
  'timeline.burst.emailsSent': '{count, plural, one {# e-mail} other {# e-mails}} verstuurd',
  'timeline.burst.emailsDelivered': '{count, plural, one {# e-mail} other {# e-mails}} afgeleverd',
  'timeline.burst.emailsOpened': '{count, plural, one {# e-mail} other {# e-mails}} geopend',
  'timeline.burst.emailsClicked':
    '{count, plural, one {# e-maillink} other {# e-maillinks}} aangeklikt',
  'timeline.burst.emailsBounced': '{count, plural, one {# e-mail} other {# e-mails}} onbestelbaar',
  'timeline.burst.profileUpdates':
    'Profiel {count, plural, one {# keer} other {# keer}} bijgewerkt',
  'timeline.burst.repeated': '{name}, {count, plural, one {# keer} other {# keer}}',
  'timeline.burst.openedTimes': '“{subject}” {count, plural, one {# keer} other {# keer}} geopend',
  'timeline.burst.openedNoSubjectTimes':
    'E-mail {count, plural, one {# keer} other {# keer}} geopend',
  'timeline.burst.clickedTimes':
    'Link in “{subject}” {count, plural, one {# keer} other {# keer}} aangeklikt',
  'timeline.burst.clickedNoSubjectTimes':
    'Link in een e-mail {count, plural, one {# keer} other {# keer}} aangeklikt',
  'timeline.burst.productViewedTimes':
    '{product} {count, plural, one {# keer} other {# keer}} bekeken',
  'timeline.campaign.sent': 'Verzonden',
  'timeline.campaign.delivered': 'Afgeleverd',
  'timeline.campaign.opened': 'Geopend',
  'timeline.campaign.clicked': 'Aangeklikt',
  'timeline.campaign.bounced': 'Onbestelbaar',
  'timeline.campaign.spam': 'Als spam gemarkeerd',
  'timeline.campaign.unsubscribed': 'Afgemeld',
  /** The panel's cue for rows a live refresh added out of sight. */
  'timeline.panel.newRows': '{count, plural, one {# nieuw} other {# nieuw}}',
}
