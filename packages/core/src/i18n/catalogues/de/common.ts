/**
 * @module i18n/catalogues/de/common
 * German common text (day labels, list tails, empty and error states). Labels are nouns; sentences address the agent formally (Sie).
 */
import type { commonMessages as english } from '../en/common.ts'
import type { Translation } from '../types.ts'

export const commonMessages: Translation<typeof english> = {
  'common.today': 'Heute',
  'common.yesterday': 'Gestern',
  'common.tomorrow': 'Morgen',
  'common.unknownDate': 'Unbekanntes Datum',
  'common.yes': 'Ja',
  'common.no': 'Nein',
  'common.labelValue': '{label}: {value}',
  'common.timeWithRelative': '{time} ({relative})',
  'common.andMore': 'und {count} weitere',
  'common.moreCount': '{count} weitere',
  'common.burst.expand':
    '{count, plural, one {# Ereignis anzeigen} other {Alle # Ereignisse anzeigen}}',
  'common.burst.collapse': 'Weniger anzeigen',
  'common.loading': 'Wird geladen…',
  'common.loadMore': 'Mehr laden',
  'common.retry': 'Erneut versuchen',
  'common.refresh': 'Aktualisieren',
  'common.copy': 'Kopieren',
  'common.copied': 'Kopiert',
  'common.filter.all': 'Alle',
  'common.kind.email': 'E-Mails',
  'common.kind.page': 'Seiten',
  'common.kind.screen': 'Bildschirme',
  'common.kind.identify': 'Profiländerungen',
  'common.kind.commerce': 'Einkauf',
  'common.kind.form': 'Formulare',
  'common.kind.support': 'Support',
  'common.kind.sales': 'Vertrieb',
  'common.kind.session': 'App-Sitzungen',
  'common.kind.custom': 'Sonstige Ereignisse',
  'common.empty.timeline': 'Noch keine Aktivität.',
  'common.empty.filtered': 'Keine Aktivität für diese Filter.',
  'common.error.notFound': 'Kein Kunde in Intilery gefunden.',
  'common.error.notFoundFor': 'Kein Kunde in Intilery für {identity} gefunden.',
  'common.error.manyMatches':
    '{count, plural, one {# Kunde gefunden.} other {# Kunden gefunden. Wählen Sie einen aus:}}',
  'common.error.rateLimited': 'Intilery ist ausgelastet. Versuchen Sie es gleich noch einmal.',
  'common.error.upstreamDown': 'Intilery ist gerade nicht erreichbar.',
  'common.error.relayDown': 'Das Relay ist gerade nicht erreichbar.',
  'common.error.timeout': 'Intilery hat zu lange nicht geantwortet.',
  'common.error.stale': 'Gespeicherte Daten, Stand {time}.',
  'common.error.unauthorized': 'Ihre Sitzung ist abgelaufen. Laden Sie neu, um fortzufahren.',
  'common.error.misconfigured':
    'Diese App ist noch nicht eingerichtet. Bitten Sie einen Administrator, die Einstellungen zu prüfen.',
  'common.error.generic': 'Etwas ist schiefgelaufen.',
  'common.timeline.title': 'Aktivität',
  'common.search.title': 'Nicht diese Person? In Intilery suchen',
  'common.search.by': 'Suchen nach',
  'common.search.email': 'E-Mail',
  'common.search.userId': 'Benutzer-ID',
  'common.search.id': 'Intilery-ID',
  'common.search.anonymousId': 'Anonyme ID',
  'common.search.value': 'Suchbegriff',
  'common.search.submit': 'Suchen',
  'common.search.notEmail': 'Das ist keine E-Mail-Adresse.',
  'common.search.notSearchable': 'Nach diesem Wert kann Intilery nicht suchen.',
  'common.picker.choose': 'Diesen Kunden anzeigen',
  'common.note.add': 'Zusammenfassung als interne Notiz hinzufügen',
  'common.note.added': 'Zusammenfassung zur internen Notiz hinzugefügt.',
  'common.filter.eventName': 'Ereignisname',
  'common.filter.from': 'Von',
  'common.filter.to': 'Bis',
  'common.filter.clear': 'Filter zurücksetzen',
  'common.filter.legend': 'Aktivitätsfilter',
  'common.filter.kinds': 'Arten von Aktivität',
  'common.filter.toggle': '{count, plural, =0 {Filter} other {Filter (#)}}',
  'common.stale.banner': 'Intilery ist nicht erreichbar. Daten mit Stand {time}.',
  'common.picker.lastActive': 'Zuletzt aktiv {relative}',
  'common.picker.noActivity': 'Noch keine Aktivität',
  'common.picker.orders':
    '{count, plural, =0 {Keine Bestellungen} one {# Bestellung} other {# Bestellungen}}',
  'common.picker.ordersLoading': 'Bestellungen werden gelesen…',
  'common.picker.ordersFailed': 'Bestellungen konnten nicht gelesen werden',
  'common.picker.audiences': 'Zielgruppen: {names}',
  'common.choice.chosen':
    '{count, plural, one {Aus # passenden Kunden gewählt.} other {Aus # passenden Kunden gewählt.}}',
  'common.choice.remembered':
    '{count, plural, one {Aus # passenden Kunden gewählt; die Wahl bleibt gespeichert.} other {Aus # passenden Kunden gewählt; die Wahl bleibt gespeichert.}}',
  'common.choice.notRemembered':
    '{count, plural, one {Aus # passenden Kunden gewählt. Die Wahl konnte nicht gespeichert werden; beim nächsten Mal wird erneut gefragt.} other {Aus # passenden Kunden gewählt. Die Wahl konnte nicht gespeichert werden; beim nächsten Mal wird erneut gefragt.}}',
  'common.choice.notForgotten':
    'Die frühere Wahl konnte nicht verworfen werden; sie wird beim nächsten Öffnen eventuell wieder angezeigt.',
  'common.choice.change': 'Ändern',
  'common.moved.banner':
    '{subject, select, user {Angezeigt wird {name}, nicht dieser Benutzer.} contact {Angezeigt wird {name}, nicht der Kontakt dieses Datensatzes.} other {Angezeigt wird {name}, nicht der Anfragende dieses Tickets.}}',
  'common.moved.back':
    '{subject, select, user {Zurück zum Benutzer} contact {Zurück zum Kontakt des Datensatzes} other {Zurück zum Anfragenden}}',
  'common.note.confirm':
    '{subject, select, user {{name} ist nicht dieser Benutzer. Zusammenfassung trotzdem hinzufügen?} contact {{name} ist nicht der Kontakt dieses Datensatzes. Zusammenfassung trotzdem hinzufügen?} other {{name} ist nicht der Anfragende dieses Tickets. Zusammenfassung trotzdem hinzufügen?}}',
  'common.note.confirmAdd': 'Trotzdem hinzufügen',
  'common.note.cancel': 'Abbrechen',
  'common.error.rejectedInstallation':
    'Das Relay hat die Anfragen dieser Installation nicht angenommen. Eine Administratorin oder ein Administrator sollte prüfen, ob das gemeinsame Geheimnis der App dem im Relay entspricht.',
  'common.error.relayUnreachable':
    'Unter der Relay-URL der App hat kein Relay geantwortet. Ein Administrator sollte diese Einstellung prüfen und ob das Intilery-Connect-Relay läuft.',
  'common.error.upstreamCredentials':
    'Das Relay konnte sich nicht bei Intilery anmelden. Eine Administratorin oder ein Administrator sollte das Intilery-Token im Relay prüfen.',
  'common.filter.badRange': '„Von“ liegt nach „Bis“: Die Daten werden nicht angewendet.',
  'common.setup.relayUrlMissing':
    'Die Einstellung „Relay URL“ ist leer. Ein Administrator sollte unter {where} die Adresse Ihres Intilery-Connect-Relays eintragen, z. B. {example}.',
  'common.setup.relayUrlInvalid':
    'Die Einstellung „Relay URL“ („{value}“) ist keine Webadresse. Ein Administrator sollte unter {where} die Adresse Ihres Intilery-Connect-Relays eintragen, z. B. {example}.',
  'common.setup.relayUrlNotHttps':
    'Die Einstellung „Relay URL“ („{value}“) muss mit {https} beginnen. Ein Administrator sollte sie unter {where} korrigieren.',
  'common.setup.relayHostNotBuilt':
    'Die Einstellung „Relay URL“ zeigt auf {host}, diese Kopie der App wurde aber für {builtFor} erstellt, und Zendesk sendet signierte Anfragen nur an die Hosts, für die eine App erstellt wurde. Ein Administrator sollte die Einstellung unter {where} korrigieren oder die App für {host} erstellen (ZENDESK_RELAY_DOMAINS={host}) und erneut hochladen.',
  'common.setup.couldNotStart': 'Die Intilery-App konnte nicht starten: {reason}',
}
