/**
 * @module i18n/catalogues/fr/timeline
 * French translation of the timeline messages (../en/timeline.ts, the reference).
 * Guillemets with no-break spaces around data, a no-break space before ":"; participles agree with the
 * noun they describe (« 3 pages consultées »).
 */
import type { timelineMessages as english } from '../en/timeline.ts'
import type { Translation } from '../types.ts'

export const timelineMessages: Translation<typeof english> = {
  'timeline.email.sent': 'E-mail «\u00a0{subject}\u00a0» envoyé',
  'timeline.email.sentNoSubject': 'E-mail envoyé',
  'timeline.email.delivered': '«\u00a0{subject}\u00a0» distribué',
  'timeline.email.deliveredNoSubject': 'E-mail distribué',
  'timeline.email.opened': '«\u00a0{subject}\u00a0» ouvert',
  'timeline.email.openedNoSubject': 'E-mail ouvert',
  'timeline.email.clicked': 'Lien cliqué dans «\u00a0{subject}\u00a0»',
  'timeline.email.clickedNoSubject': 'Lien cliqué dans un e-mail',
  'timeline.email.bounced': '«\u00a0{subject}\u00a0» non distribué',
  'timeline.email.bouncedNoSubject': 'E-mail non distribué',
  'timeline.email.spam': '«\u00a0{subject}\u00a0» signalé comme spam',
  'timeline.email.spamNoSubject': 'E-mail signalé comme spam',
  'timeline.email.unsubscribed': 'Désabonné via «\u00a0{subject}\u00a0»',
  'timeline.email.unsubscribedNoSubject': 'Désabonné des e-mails',
  'timeline.page.viewed': 'Page consultée\u00a0: {page}',
  'timeline.page.viewedUnknown': 'Page consultée',
  'timeline.screen.viewed': 'Écran consulté\u00a0: {screen}',
  'timeline.screen.viewedUnknown': 'Écran consulté',
  'timeline.identify.changed':
    'Profil mis à jour\u00a0: {count, plural, one {# attribut} other {# attributs}}',
  'timeline.identify.unchanged': 'Profil identifié, sans modification',
  'timeline.commerce.searched': 'Recherche\u00a0: «\u00a0{query}\u00a0»',
  'timeline.commerce.searchedNoQuery': 'Recherche de produits',
  'timeline.commerce.productViewed': 'Produit consulté\u00a0: {product}',
  'timeline.commerce.productViewedUnknown': 'Produit consulté',
  'timeline.commerce.productAdded': '{product} ajouté au panier',
  'timeline.commerce.productAddedUnknown': 'Produit ajouté au panier',
  'timeline.commerce.productRemoved': '{product} retiré du panier',
  'timeline.commerce.productRemovedUnknown': 'Produit retiré du panier',
  'timeline.commerce.cartViewed':
    'Panier consulté\u00a0: {count, plural, one {# article} other {# articles}}',
  'timeline.commerce.cartViewedNoCount': 'Panier consulté',
  'timeline.commerce.checkoutStarted': 'Paiement commencé\u00a0: {total}',
  'timeline.commerce.checkoutStartedNoTotal': 'Paiement commencé',
  'timeline.commerce.orderCompleted': 'Commande passée\u00a0: {total}',
  'timeline.commerce.orderCompletedNoTotal': 'Commande passée',
  'timeline.commerce.orderRefunded': 'Commande remboursée\u00a0: {total}',
  'timeline.commerce.orderRefundedNoTotal': 'Commande remboursée',
  'timeline.commerce.orderCancelled': 'Commande annulée\u00a0: {total}',
  'timeline.commerce.orderCancelledNoTotal': 'Commande annulée',
  'timeline.form.submitted': 'Formulaire «\u00a0{form}\u00a0» envoyé',
  'timeline.form.submittedUnknown': 'Formulaire envoyé',
  'timeline.form.leadCreated': 'Nouveau prospect',
  'timeline.session.appOpened': 'App ouverte',
  'timeline.session.appBackgrounded': 'App mise en arrière-plan',
  'timeline.session.appInstalled': 'App installée',
  'timeline.session.appUpdated': 'App mise à jour',
  'timeline.session.appUninstalled': 'App désinstallée',
  'timeline.session.appClosed': 'App fermée',
  'timeline.support.ticketCreated': 'Ticket n°\u00a0{ticket} ouvert',
  'timeline.support.ticketCreatedNoId': 'Ticket ouvert',
  'timeline.support.ticketSolved': 'Ticket n°\u00a0{ticket} résolu',
  'timeline.support.ticketSolvedNoId': 'Ticket résolu',
  'timeline.support.ticketReopened': 'Ticket n°\u00a0{ticket} rouvert',
  'timeline.support.ticketReopenedNoId': 'Ticket rouvert',
  'timeline.support.rated':
    '{rating, select, good {A jugé le support bon} bad {A jugé le support mauvais} other {A évalué le support}}',
  'timeline.sales.dealCreated': 'Affaire «\u00a0{deal}\u00a0» créée',
  'timeline.sales.dealCreatedNoTitle': 'Affaire créée',
  'timeline.sales.dealMoved': 'Affaire «\u00a0{deal}\u00a0» passée à l’étape «\u00a0{stage}\u00a0»',
  'timeline.sales.dealMovedNoTitle': 'Affaire passée à l’étape «\u00a0{stage}\u00a0»',
  'timeline.sales.dealStageChanged': 'Étape de l’affaire «\u00a0{deal}\u00a0» modifiée',
  'timeline.sales.dealStageChangedNoTitle': 'Étape de l’affaire modifiée',
  'timeline.sales.dealWon': 'Affaire gagnée\u00a0: {value}',
  'timeline.sales.dealWonNoValue': 'Affaire gagnée',
  'timeline.sales.dealLost': 'Affaire perdue\u00a0: {reason}',
  'timeline.sales.dealLostNoReason': 'Affaire perdue',
  'timeline.sales.personCreated': 'Ajouté comme personne dans Pipedrive',
  'timeline.link.ticket': 'Ouvrir le ticket',
  'timeline.link.deal': 'Ouvrir l’affaire',
  'timeline.link.person': 'Ouvrir la personne',
  'timeline.detail.ticket': 'Ticket',
  'timeline.detail.previousStatus': 'Statut précédent',
  'timeline.detail.deal': 'Affaire',
  'timeline.detail.value': 'Valeur',
  'timeline.detail.stage': 'Étape',
  'timeline.detail.previousStage': 'Étape précédente',
  'timeline.detail.pipeline': 'Pipeline',
  'timeline.burst.ticketsOpened':
    '{count, plural, one {# ticket ouvert} other {# tickets ouverts}}',
  'timeline.burst.ticketsSolved':
    '{count, plural, one {# ticket résolu} other {# tickets résolus}}',
  'timeline.burst.dealsCreated': '{count, plural, one {# affaire créée} other {# affaires créées}}',
  'timeline.burst.dealStageChanges':
    '{count, plural, one {# changement d’étape} other {# changements d’étape}}',
  'timeline.custom.event': '{name}',
  'timeline.custom.unnamed': 'Événement sans nom',
  'timeline.detail.campaign': 'Campagne',
  'timeline.detail.link': 'Lien',
  'timeline.detail.url': 'URL',
  'timeline.detail.reason': 'Motif',
  'timeline.detail.list': 'Liste',
  'timeline.detail.path': 'Chemin',
  'timeline.detail.referrer': 'Référent',
  'timeline.detail.price': 'Prix',
  'timeline.detail.quantity': 'Quantité',
  'timeline.detail.category': 'Catégorie',
  'timeline.detail.total': 'Total',
  'timeline.detail.currency': 'Devise',
  'timeline.detail.items': 'Articles',
  'timeline.detail.coupon': 'Code promo',
  'timeline.detail.order': 'Commande',
  'timeline.detail.page': 'Page',
  'timeline.detail.form': 'Formulaire',
  'timeline.detail.leadSource': 'Source du prospect',
  'timeline.detail.version': 'Version',
  'timeline.detail.build': 'Build',
  'timeline.detail.previousVersion': 'Version précédente',
  'timeline.burst.pages':
    '{count, plural, one {# page consultée} other {# pages consultées}}, depuis {first}',
  'timeline.burst.pagesNoFirst':
    '{count, plural, one {# page consultée} other {# pages consultées}}',
  'timeline.burst.screens':
    '{count, plural, one {# écran consulté} other {# écrans consultés}}, depuis {first}',
  'timeline.burst.screensNoFirst':
    '{count, plural, one {# écran consulté} other {# écrans consultés}}',
  'timeline.burst.searches':
    '{count, plural, one {# recherche} other {# recherches}}, depuis «\u00a0{first}\u00a0»',
  'timeline.burst.searchesNoFirst': '{count, plural, one {# recherche} other {# recherches}}',
  'timeline.burst.productsViewed':
    '{count, plural, one {# produit consulté} other {# produits consultés}}',
  'timeline.burst.productsAdded':
    '{count, plural, one {# produit ajouté} other {# produits ajoutés}} au panier',
  'timeline.burst.productsRemoved':
    '{count, plural, one {# produit retiré} other {# produits retirés}} du panier',
  'timeline.burst.emailsSent': '{count, plural, one {# e-mail envoyé} other {# e-mails envoyés}}',
  'timeline.burst.emailsDelivered':
    '{count, plural, one {# e-mail distribué} other {# e-mails distribués}}',
  'timeline.burst.emailsOpened': '{count, plural, one {# e-mail ouvert} other {# e-mails ouverts}}',
  'timeline.burst.emailsClicked':
    '{count, plural, one {# lien d’e-mail cliqué} other {# liens d’e-mail cliqués}}',
  'timeline.burst.emailsBounced':
    '{count, plural, one {# e-mail non distribué} other {# e-mails non distribués}}',
  'timeline.burst.profileUpdates': 'Profil mis à jour {count, plural, one {# fois} other {# fois}}',
  'timeline.burst.repeated': '{name}, {count, plural, one {# fois} other {# fois}}',
  'timeline.burst.openedTimes':
    '«\u00a0{subject}\u00a0» ouvert {count, plural, one {# fois} other {# fois}}',
  'timeline.burst.openedNoSubjectTimes':
    'E-mail ouvert {count, plural, one {# fois} other {# fois}}',
  'timeline.burst.clickedTimes':
    'Lien cliqué dans «\u00a0{subject}\u00a0» {count, plural, one {# fois} other {# fois}}',
  'timeline.burst.clickedNoSubjectTimes':
    'Lien cliqué dans un e-mail {count, plural, one {# fois} other {# fois}}',
  'timeline.burst.productViewedTimes':
    'Produit consulté {count, plural, one {# fois} other {# fois}}\u00a0: {product}',
  'timeline.campaign.sent': 'Envoyé',
  'timeline.campaign.delivered': 'Distribué',
  'timeline.campaign.opened': 'Ouvert',
  'timeline.campaign.clicked': 'Cliqué',
  'timeline.campaign.bounced': 'Non distribué',
  'timeline.campaign.spam': 'Signalé comme spam',
  'timeline.campaign.unsubscribed': 'Désabonné',
  /** The panel's cue for rows a live refresh added out of sight. */
  'timeline.panel.newRows': '{count, plural, one {# nouveau} other {# nouveaux}}',
}
