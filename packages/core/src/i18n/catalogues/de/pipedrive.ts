/**
 * @module i18n/catalogues/de/pipedrive
 * German text for why a Pipedrive record shows no customer (Pipedrive’s own German terms: Deal, Organisation, Person).
 */
import type { pipedriveMessages as english } from '../en/pipedrive.ts'
import type { Translation } from '../types.ts'

export const pipedriveMessages: Translation<typeof english> = {
  'pipedrive.noCustomer.notFound':
    '{resource, select, deal {Pipedrive hat diesen Deal nicht gefunden.} organization {Pipedrive hat diese Organisation nicht gefunden.} other {Pipedrive hat diese Person nicht gefunden.}}',
  'pipedrive.noCustomer.noPerson':
    '{resource, select, deal {Dieser Deal hat keine Kontaktperson.} organization {Diese Organisation hat keine Personen.} other {Pipedrive hat diese Person nicht gefunden.}}',
  'pipedrive.noCustomer.noEmail':
    '{resource, select, deal {Die Kontaktperson dieses Deals hat keine E-Mail-Adresse.} organization {Keine Person dieser Organisation hat eine E-Mail-Adresse.} other {Diese Person hat keine E-Mail-Adresse.}}',
  'pipedrive.noCustomer.noProfile': 'Kein Intilery-Kunde passt zu {emails}.',
  'pipedrive.noCustomer.firstPeopleOnly':
    '{count, plural, one {Nur die erste Person dieser Organisation wurde geprüft.} other {Nur die ersten # Personen dieser Organisation wurden geprüft.}}',
  'pipedrive.noCustomer.withRemark': '{reason} {remark}',
  'pipedrive.panel.openInIntilery': 'In Intilery öffnen',
  'pipedrive.panel.matchedOn': 'Gefunden über {email}.',
  'pipedrive.panel.sharedEmail':
    '{count, plural, one {# Intilery-Kunde hat diese E-Mail-Adresse.} other {# Intilery-Kunden teilen diese E-Mail-Adresse: Dies ist der zuletzt aktive.}}',
  'pipedrive.panel.sharedEmailChosen':
    '{count, plural, one {# Intilery-Kunde hat diese E-Mail-Adresse.} other {# Intilery-Kunden teilen diese E-Mail-Adresse: Dies ist der im Intilery-Panel ausgewählte.}}',
  'pipedrive.panel.chooseCustomer': 'Im Intilery-Panel einen auswählen',
  'pipedrive.panel.openInPipedrive': 'In Pipedrive öffnen',
  'pipedrive.rollup.header': 'Kontoübersicht',
  'pipedrive.rollup.known':
    '{known} von {people, plural, one {# Person} other {# Personen}} bei Intilery bekannt',
  'pipedrive.rollup.totals': 'Gesamtwert: {totals}',
  'pipedrive.error.connectIntilery.title': 'Intilery verbinden',
  'pipedrive.error.connectIntilery.subtitle':
    'Dieses Pipedrive-Unternehmen ist noch mit keinem Intilery-Arbeitsbereich verknüpft. Ein Pipedrive-Admin verknüpft es, indem er die App installiert.',
  'pipedrive.error.connectIntilery.action': 'Intilery verbinden',
  'pipedrive.error.connectPipedrive.title': 'Pipedrive verbinden',
  'pipedrive.error.connectPipedrive.subtitle':
    'Installieren Sie die Intilery-App für Ihren Pipedrive-Benutzer, um hier Kundendaten zu sehen.',
  'pipedrive.error.connectPipedrive.action': 'Verbinden',
  'pipedrive.error.reconnect.title': 'Pipedrive neu verbinden',
  'pipedrive.error.reconnect.subtitle':
    'Die Verbindung zu Intilery ist abgelaufen oder wurde widerrufen.',
  'pipedrive.error.reconnect.action': 'Neu verbinden',
  'pipedrive.error.pipedriveDown.title': 'Keine Antwort von Pipedrive',
  'pipedrive.error.intileryDown.title': 'Keine Antwort von Intilery',
  'pipedrive.error.retrySoon': 'Laden Sie gleich neu.',
  'pipedrive.error.notAuthorized.title': 'Nicht berechtigt',
  'pipedrive.error.notAuthorized.subtitle': 'Laden Sie die Seite neu, um es erneut zu versuchen.',
  'pipedrive.error.badRequest.title': 'Ungültige Anfrage',
  'pipedrive.error.tooMany.title': 'Zu viele Anfragen',
  'pipedrive.error.tooMany.subtitle': 'Laden Sie in einer Minute neu.',
  'pipedrive.error.refused.title': 'Intilery verweigert Zugriff',
  'pipedrive.error.refused.subtitle':
    'Bitten Sie Ihren Admin, die Intilery-Zugangsdaten im Relay zu prüfen.',
  'pipedrive.error.unavailable.title': 'Panel nicht verfügbar',
}
