/**
 * @module i18n/catalogues/fr/pipedrive
 * French text for why a Pipedrive record shows no customer (Pipedrive’s French terms: affaire, organisation, personne).
 */
import type { pipedriveMessages as english } from '../en/pipedrive.ts'
import type { Translation } from '../types.ts'

export const pipedriveMessages: Translation<typeof english> = {
  'pipedrive.noCustomer.notFound':
    '{resource, select, deal {Pipedrive ne trouve pas cette affaire.} organization {Pipedrive ne trouve pas cette organisation.} other {Pipedrive ne trouve pas cette personne.}}',
  'pipedrive.noCustomer.noPerson':
    '{resource, select, deal {Cette affaire n’a pas de personne à contacter.} organization {Cette organisation n’a aucune personne.} other {Pipedrive ne trouve pas cette personne.}}',
  'pipedrive.noCustomer.noEmail':
    '{resource, select, deal {La personne à contacter de cette affaire n’a pas d’adresse e-mail.} organization {Aucune personne de cette organisation n’a d’adresse e-mail.} other {Cette personne n’a pas d’adresse e-mail.}}',
  'pipedrive.noCustomer.noProfile': 'Aucun client Intilery ne correspond à {emails}.',
  'pipedrive.noCustomer.firstPeopleOnly':
    '{count, plural, one {Seule la première personne de cette organisation a été vérifiée.} other {Seules les # premières personnes de cette organisation ont été vérifiées.}}',
  'pipedrive.noCustomer.withRemark': '{reason} {remark}',
  'pipedrive.panel.openInIntilery': 'Ouvrir dans Intilery',
  'pipedrive.panel.matchedOn': 'Trouvé grâce à {email}.',
  'pipedrive.panel.sharedEmail':
    '{count, plural, one {# client Intilery a cette adresse e-mail.} other {# clients Intilery partagent cette adresse e-mail : voici le plus récemment actif.}}',
  'pipedrive.panel.sharedEmailChosen':
    '{count, plural, one {# client Intilery a cette adresse e-mail.} other {# clients Intilery partagent cette adresse e-mail : voici celui choisi dans le panneau Intilery.}}',
  'pipedrive.panel.chooseCustomer': 'En choisir un dans le panneau Intilery',
  'pipedrive.panel.openInPipedrive': 'Ouvrir dans Pipedrive',
  'pipedrive.rollup.header': 'Vue d’ensemble du compte',
  'pipedrive.rollup.known':
    'Connus d’Intilery : {known} sur {people, plural, one {# personne} other {# personnes}}',
  'pipedrive.rollup.totals': 'Valeur totale : {totals}',
  'pipedrive.error.connectIntilery.title': 'Connecter Intilery',
  'pipedrive.error.connectIntilery.subtitle':
    'Cette entreprise Pipedrive n’est encore liée à aucun espace de travail Intilery. Un administrateur Pipedrive la lie en installant l’application.',
  'pipedrive.error.connectIntilery.action': 'Connecter Intilery',
  'pipedrive.error.connectPipedrive.title': 'Connecter Pipedrive',
  'pipedrive.error.connectPipedrive.subtitle':
    'Installez l’application Intilery pour votre utilisateur Pipedrive afin de voir ici les données client.',
  'pipedrive.error.connectPipedrive.action': 'Connecter',
  'pipedrive.error.reconnect.title': 'Reconnecter Pipedrive',
  'pipedrive.error.reconnect.subtitle': 'La connexion à Intilery a expiré ou a été révoquée.',
  'pipedrive.error.reconnect.action': 'Reconnecter',
  'pipedrive.error.pipedriveDown.title': 'Pipedrive n’a pas répondu',
  'pipedrive.error.intileryDown.title': 'Intilery n’a pas répondu',
  'pipedrive.error.retrySoon': 'Rechargez dans un instant.',
  'pipedrive.error.notAuthorized.title': 'Non autorisé',
  'pipedrive.error.notAuthorized.subtitle': 'Rechargez la page pour réessayer.',
  'pipedrive.error.badRequest.title': 'Requête non valide',
  'pipedrive.error.tooMany.title': 'Trop de requêtes',
  'pipedrive.error.tooMany.subtitle': 'Rechargez dans une minute.',
  'pipedrive.error.refused.title': 'Intilery a refusé l’accès',
  'pipedrive.error.refused.subtitle':
    'Demandez à votre administrateur de vérifier les identifiants Intilery sur le relais.',
  'pipedrive.error.unavailable.title': 'Panneau indisponible',
}
