/**
 * @module i18n/catalogues/nl/common
 * Dutch common text (day labels, list tails, empty and error states). Informal je, as Dutch software interfaces use.
 */
import type { commonMessages as english } from '../en/common.ts'
import type { Translation } from '../types.ts'

export const commonMessages: Translation<typeof english> = {
  'common.today': 'Vandaag',
  'common.yesterday': 'Gisteren',
  'common.tomorrow': 'Morgen',
  'common.unknownDate': 'Onbekende datum',
  'common.yes': 'Ja',
  'common.no': 'Nee',
  'common.labelValue': '{label}: {value}',
  'common.timeWithRelative': '{time} ({relative})',
  'common.andMore': 'en nog {count}',
  'common.moreCount': 'nog {count}',
  'common.burst.expand':
    '{count, plural, one {# gebeurtenis tonen} other {Alle # gebeurtenissen tonen}}',
  'common.burst.collapse': 'Minder tonen',
  'common.loading': 'Laden…',
  'common.loadMore': 'Meer laden',
  'common.retry': 'Opnieuw proberen',
  'common.refresh': 'Vernieuwen',
  'common.copy': 'Kopiëren',
  'common.copied': 'Gekopieerd',
  'common.filter.all': 'Alles',
  'common.kind.email': 'E-mails',
  'common.kind.page': 'Pagina’s',
  'common.kind.screen': 'Schermen',
  'common.kind.identify': 'Profielwijzigingen',
  'common.kind.commerce': 'Winkelen',
  'common.kind.form': 'Formulieren',
  'common.kind.support': 'Support',
  'common.kind.sales': 'Verkoop',
  'common.kind.session': 'App-sessies',
  'common.kind.custom': 'Overige gebeurtenissen',
  'common.empty.timeline': 'Nog geen activiteit.',
  'common.empty.filtered': 'Geen activiteit voor deze filters.',
  'common.error.notFound': 'Geen klant gevonden in Intilery.',
  'common.error.notFoundFor': 'Geen klant gevonden in Intilery voor {identity}.',
  'common.error.manyMatches':
    '{count, plural, one {# klant gevonden.} other {# klanten gevonden. Kies er een:}}',
  'common.error.rateLimited': 'Intilery is druk bezet. Probeer het zo opnieuw.',
  'common.error.upstreamDown': 'Intilery is nu niet bereikbaar.',
  'common.error.relayDown': 'De relay is nu niet bereikbaar.',
  'common.error.timeout': 'Intilery reageerde niet op tijd.',
  'common.error.stale': 'Opgeslagen gegevens van {time}.',
  'common.error.unauthorized': 'Je sessie is verlopen. Laad opnieuw om verder te gaan.',
  'common.error.misconfigured':
    'Deze app is nog niet ingesteld. Vraag een beheerder de instellingen te controleren.',
  'common.error.generic': 'Er ging iets mis.',
  'common.timeline.title': 'Activiteit',
  'common.search.title': 'Niet deze persoon? Zoeken in Intilery',
  'common.search.by': 'Zoeken op',
  'common.search.email': 'E-mail',
  'common.search.userId': 'Gebruikers-ID',
  'common.search.id': 'Intilery-ID',
  'common.search.anonymousId': 'Anonieme ID',
  'common.search.value': 'Zoekwaarde',
  'common.search.submit': 'Zoeken',
  'common.search.notEmail': 'Dat is geen e-mailadres.',
  'common.search.notSearchable': 'Intilery kan niet op die waarde zoeken.',
  'common.picker.choose': 'Deze klant tonen',
  'common.note.add': 'Samenvatting toevoegen aan interne notitie',
  'common.note.added': 'Samenvatting toegevoegd aan de interne notitie.',
  'common.filter.eventName': 'Naam van gebeurtenis',
  'common.filter.from': 'Van',
  'common.filter.to': 'Tot',
  'common.filter.clear': 'Filters wissen',
  'common.filter.legend': 'Activiteitfilters',
  'common.filter.kinds': 'Soorten activiteit',
  'common.filter.toggle': '{count, plural, =0 {Filters} other {Filters (#)}}',
  'common.stale.banner': 'Intilery is niet bereikbaar. Gegevens van {time}.',
  'common.picker.lastActive': 'Laatst actief {relative}',
  'common.picker.noActivity': 'Nog geen activiteit',
  'common.picker.orders':
    '{count, plural, =0 {Geen bestellingen} one {# bestelling} other {# bestellingen}}',
  'common.picker.ordersLoading': 'Bestellingen worden gelezen…',
  'common.picker.ordersFailed': 'Bestellingen konden niet worden gelezen',
  'common.picker.audiences': 'Doelgroepen: {names}',
  'common.choice.chosen':
    '{count, plural, one {Gekozen uit # overeenkomende klant.} other {Gekozen uit # overeenkomende klanten.}}',
  'common.choice.remembered':
    '{count, plural, one {Gekozen uit # overeenkomende klant; de keuze wordt onthouden.} other {Gekozen uit # overeenkomende klanten; de keuze wordt onthouden.}}',
  'common.choice.notRemembered':
    '{count, plural, one {Gekozen uit # overeenkomende klant. De keuze kon niet worden opgeslagen: de volgende keer wordt het opnieuw gevraagd.} other {Gekozen uit # overeenkomende klanten. De keuze kon niet worden opgeslagen: de volgende keer wordt het opnieuw gevraagd.}}',
  'common.choice.notForgotten':
    'De eerdere keuze kon niet worden vergeten: die kan de volgende keer weer verschijnen.',
  'common.choice.change': 'Wijzigen',
  'common.moved.banner':
    '{subject, select, user {{name} wordt getoond, niet deze gebruiker.} contact {{name} wordt getoond, niet de contactpersoon van dit record.} other {{name} wordt getoond, niet de aanvrager van dit ticket.}}',
  'common.moved.back':
    '{subject, select, user {Terug naar de gebruiker} contact {Terug naar de contactpersoon van het record} other {Terug naar de aanvrager}}',
  'common.note.confirm':
    '{subject, select, user {{name} is niet deze gebruiker. Samenvatting toch toevoegen?} contact {{name} is niet de contactpersoon van dit record. Samenvatting toch toevoegen?} other {{name} is niet de aanvrager van dit ticket. Samenvatting toch toevoegen?}}',
  'common.note.confirmAdd': 'Toch toevoegen',
  'common.note.cancel': 'Annuleren',
  'common.error.rejectedInstallation':
    'De relay accepteerde de verzoeken van deze installatie niet. Een beheerder moet controleren of het gedeelde geheim van de app overeenkomt met dat op de relay.',
  'common.error.relayUnreachable':
    'Er antwoordde geen relay op de relay-URL van de app. Een beheerder moet die instelling controleren en nagaan of de Intilery Connect-relay draait.',
  'common.error.upstreamCredentials':
    'Intilery weigerde de gegevens van de relay. Een beheerder moet het Intilery-token op de relay controleren.',
  'common.filter.badRange': '“Van” ligt na “Tot”: de datums worden niet toegepast.',
  'common.setup.relayUrlMissing':
    'De instelling “Relay URL” is leeg. Een beheerder moet via {where} het adres van uw Intilery Connect-relay invullen, bijvoorbeeld {example}.',
  'common.setup.relayUrlInvalid':
    'De instelling “Relay URL” (“{value}”) is geen webadres. Een beheerder moet via {where} het adres van uw Intilery Connect-relay invullen, bijvoorbeeld {example}.',
  'common.setup.relayUrlNotHttps':
    'De instelling “Relay URL” (“{value}”) moet met {https} beginnen. Een beheerder moet dit corrigeren via {where}.',
  'common.setup.relayHostNotBuilt':
    'De instelling “Relay URL” wijst naar {host}, maar deze kopie van de app is gebouwd voor {builtFor}, en Zendesk stuurt ondertekende verzoeken alleen naar de hosts waarvoor een app is gebouwd. Een beheerder moet de instelling corrigeren via {where}, of de app bouwen voor {host} (ZENDESK_RELAY_DOMAINS={host}) en opnieuw uploaden.',
  'common.setup.couldNotStart': 'De Intilery-app kon niet starten: {reason}',
}
