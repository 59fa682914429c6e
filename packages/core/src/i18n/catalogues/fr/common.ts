/**
 * @module i18n/catalogues/fr/common
 * French common text (day labels, list tails, empty and error states). A no-break space precedes ":" and ";" as French typography requires; apostrophes are typographic (’).
 */
import type { commonMessages as english } from '../en/common.ts'
import type { Translation } from '../types.ts'

export const commonMessages: Translation<typeof english> = {
  'common.today': 'Aujourd’hui',
  'common.yesterday': 'Hier',
  'common.tomorrow': 'Demain',
  'common.unknownDate': 'Date inconnue',
  'common.yes': 'Oui',
  'common.no': 'Non',
  'common.labelValue': '{label}\u00a0: {value}',
  'common.timeWithRelative': '{time} ({relative})',
  'common.andMore': '{count, plural, one {et # autre} other {et # autres}}',
  'common.moreCount': '{count, plural, one {# autre} other {# autres}}',
  'common.burst.expand':
    '{count, plural, one {Afficher # événement} other {Afficher les # événements}}',
  'common.burst.collapse': 'Afficher moins',
  'common.loading': 'Chargement…',
  'common.loadMore': 'Charger plus',
  'common.retry': 'Réessayer',
  'common.refresh': 'Actualiser',
  'common.copy': 'Copier',
  'common.copied': 'Copié',
  'common.filter.all': 'Tout',
  'common.kind.email': 'E-mails',
  'common.kind.page': 'Pages',
  'common.kind.screen': 'Écrans',
  'common.kind.identify': 'Mises à jour du profil',
  'common.kind.commerce': 'Achats',
  'common.kind.form': 'Formulaires',
  'common.kind.support': 'Support',
  'common.kind.sales': 'Ventes',
  'common.kind.session': 'Sessions de l’app',
  'common.kind.custom': 'Autres événements',
  'common.empty.timeline': 'Aucune activité pour l’instant.',
  'common.empty.filtered': 'Aucune activité ne correspond à ces filtres.',
  'common.error.notFound': 'Aucun client trouvé dans Intilery.',
  'common.error.notFoundFor': 'Aucun client trouvé dans Intilery pour {identity}.',
  'common.error.manyMatches':
    '{count, plural, one {# client correspond.} other {# clients correspondent. Choisissez-en un\u00a0:}}',
  'common.error.rateLimited': 'Intilery est surchargé. Réessayez dans un instant.',
  'common.error.upstreamDown': 'Intilery est injoignable pour le moment.',
  'common.error.relayDown': 'Le relais est injoignable pour le moment.',
  'common.error.timeout': 'Intilery a mis trop de temps à répondre.',
  'common.error.stale': 'Données enregistrées, à jour au {time}.',
  'common.error.unauthorized': 'Votre session a expiré. Rechargez pour continuer.',
  'common.error.misconfigured':
    'Cette app n’est pas encore configurée. Demandez à un administrateur de vérifier ses paramètres.',
  'common.error.generic': 'Une erreur s’est produite.',
  'common.timeline.title': 'Activité',
  'common.search.title': 'Pas cette personne ? Rechercher dans Intilery',
  'common.search.by': 'Rechercher par',
  'common.search.email': 'E-mail',
  'common.search.userId': 'ID utilisateur',
  'common.search.id': 'ID Intilery',
  'common.search.anonymousId': 'ID anonyme',
  'common.search.value': 'Valeur à rechercher',
  'common.search.submit': 'Rechercher',
  'common.search.notEmail': 'Ce n’est pas une adresse e-mail.',
  'common.search.notSearchable': 'Intilery ne peut pas rechercher cette valeur.',
  'common.picker.choose': 'Afficher ce client',
  'common.note.add': 'Ajouter le résumé à la note interne',
  'common.note.added': 'Résumé ajouté à la note interne.',
  'common.filter.eventName': 'Nom de l’événement',
  'common.filter.from': 'Du',
  'common.filter.to': 'Au',
  'common.filter.clear': 'Effacer les filtres',
  'common.filter.legend': 'Filtres d’activité',
  'common.filter.kinds': 'Types d’activité',
  'common.filter.toggle': '{count, plural, =0 {Filtres} other {Filtres (#)}}',
  'common.stale.banner': 'Intilery est injoignable. Données du {time}.',
  'common.picker.lastActive': 'Dernière activité {relative}',
  'common.picker.noActivity': 'Aucune activité pour l’instant',
  'common.picker.orders':
    '{count, plural, =0 {Aucune commande} one {# commande} other {# commandes}}',
  'common.picker.ordersLoading': 'Lecture des commandes…',
  'common.picker.ordersFailed': 'Impossible de lire les commandes',
  'common.picker.audiences': 'Audiences\u00a0: {names}',
  'common.choice.chosen':
    '{count, plural, one {Choisi parmi # client correspondant.} other {Choisi parmi # clients correspondants.}}',
  'common.choice.remembered':
    '{count, plural, one {Choisi parmi # client correspondant\u00a0; ce choix est enregistré.} other {Choisi parmi # clients correspondants\u00a0; ce choix est enregistré.}}',
  'common.choice.notRemembered':
    '{count, plural, one {Choisi parmi # client correspondant. Le choix n’a pas pu être enregistré\u00a0: la question sera reposée la prochaine fois.} other {Choisi parmi # clients correspondants. Le choix n’a pas pu être enregistré\u00a0: la question sera reposée la prochaine fois.}}',
  'common.choice.notForgotten':
    'Le choix précédent n’a pas pu être oublié\u00a0: il pourra réapparaître la prochaine fois.',
  'common.choice.change': 'Modifier',
  'common.moved.banner':
    '{subject, select, user {Affichage de {name}, et non de cet utilisateur.} contact {Affichage de {name}, et non du contact de cette fiche.} other {Affichage de {name}, et non du demandeur de ce ticket.}}',
  'common.moved.back':
    '{subject, select, user {Revenir à l’utilisateur} contact {Revenir au contact de la fiche} other {Revenir au demandeur}}',
  'common.note.confirm':
    '{subject, select, user {{name} n’est pas cet utilisateur. Ajouter quand même son résumé ?} contact {{name} n’est pas le contact de cette fiche. Ajouter quand même son résumé ?} other {{name} n’est pas le demandeur de ce ticket. Ajouter quand même son résumé ?}}',
  'common.note.confirmAdd': 'Ajouter quand même',
  'common.note.cancel': 'Annuler',
  'common.error.rejectedInstallation':
    'Le relais a refusé les requêtes de cette installation. Un administrateur doit vérifier que le secret partagé de l’app est celui défini sur le relais.',
  'common.error.relayUnreachable':
    'Aucun relais n’a répondu à l’URL du relais de l’application. Un administrateur doit vérifier ce paramètre et que le relais Intilery Connect fonctionne.',
  'common.error.upstreamCredentials':
    'Les identifiants Intilery du relais ont été refusés. Un administrateur doit vérifier le jeton Intilery du relais.',
  'common.filter.badRange':
    '«\u00a0Du\u00a0» est après «\u00a0Au\u00a0»\u00a0: les dates ne sont pas appliquées.',
  'common.setup.relayUrlMissing':
    'Le paramètre « Relay URL » est vide. Un administrateur doit y saisir l’adresse de votre relais Intilery Connect, par exemple {example}, dans {where}.',
  'common.setup.relayUrlInvalid':
    'Le paramètre « Relay URL » (« {value} ») n’est pas une adresse web. Un administrateur doit y saisir l’adresse de votre relais Intilery Connect, par exemple {example}, dans {where}.',
  'common.setup.relayUrlNotHttps':
    'Le paramètre « Relay URL » (« {value} ») doit commencer par {https}. Un administrateur doit le corriger dans {where}.',
  'common.setup.relayHostNotBuilt':
    'Le paramètre « Relay URL » désigne {host}, mais cette copie de l’app a été construite pour {builtFor}, et Zendesk n’envoie ses requêtes signées qu’aux hôtes pour lesquels une app a été construite. Un administrateur doit corriger le paramètre dans {where}, ou construire l’app pour {host} (ZENDESK_RELAY_DOMAINS={host}) et la téléverser à nouveau.',
  'common.setup.couldNotStart': 'L’app Intilery n’a pas pu démarrer\u00a0: {reason}',
}
