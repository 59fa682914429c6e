/**
 * @module i18n/catalogues/nl/pipedrive
 * Dutch text for why a Pipedrive record shows no customer (Pipedrive’s Dutch terms: deal, organisatie, persoon).
 */
import type { pipedriveMessages as english } from '../en/pipedrive.ts'
import type { Translation } from '../types.ts'

export const pipedriveMessages: Translation<typeof english> = {
  'pipedrive.noCustomer.notFound':
    '{resource, select, deal {Pipedrive kan deze deal niet vinden.} organization {Pipedrive kan deze organisatie niet vinden.} other {Pipedrive kan deze persoon niet vinden.}}',
  'pipedrive.noCustomer.noPerson':
    '{resource, select, deal {Deze deal heeft geen contactpersoon.} organization {Deze organisatie heeft geen personen.} other {Pipedrive kan deze persoon niet vinden.}}',
  'pipedrive.noCustomer.noEmail':
    '{resource, select, deal {De contactpersoon van deze deal heeft geen e-mailadres.} organization {Geen van de personen van deze organisatie heeft een e-mailadres.} other {Deze persoon heeft geen e-mailadres.}}',
  'pipedrive.noCustomer.noProfile': 'Geen Intilery-klant komt overeen met {emails}.',
  'pipedrive.noCustomer.firstPeopleOnly':
    '{count, plural, one {Alleen de eerste persoon van deze organisatie is bekeken.} other {Alleen de eerste # personen van deze organisatie zijn bekeken.}}',
  'pipedrive.noCustomer.withRemark': '{reason} {remark}',
  'pipedrive.panel.openInIntilery': 'Openen in Intilery',
  'pipedrive.panel.matchedOn': 'Gevonden via {email}.',
  'pipedrive.panel.sharedEmail':
    '{count, plural, one {# Intilery-klant heeft dit e-mailadres.} other {# Intilery-klanten delen dit e-mailadres: dit is de laatst actieve.}}',
  'pipedrive.panel.sharedEmailChosen':
    '{count, plural, one {# Intilery-klant heeft dit e-mailadres.} other {# Intilery-klanten delen dit e-mailadres: dit is de klant die in het Intilery-paneel is gekozen.}}',
  'pipedrive.panel.chooseCustomer': 'Kies er een in het Intilery-paneel',
  'pipedrive.panel.openInPipedrive': 'Openen in Pipedrive',
  'pipedrive.rollup.header': 'Accountoverzicht',
  'pipedrive.rollup.known':
    '{known} van {people, plural, one {# persoon} other {# personen}} bekend bij Intilery',
  'pipedrive.rollup.totals': 'Totale waarde: {totals}',
  'pipedrive.error.connectIntilery.title': 'Intilery koppelen',
  'pipedrive.error.connectIntilery.subtitle':
    'Dit Pipedrive-bedrijf is nog niet gekoppeld aan een Intilery-werkruimte. Een Pipedrive-beheerder koppelt het door de app te installeren.',
  'pipedrive.error.connectIntilery.action': 'Intilery koppelen',
  'pipedrive.error.connectPipedrive.title': 'Pipedrive koppelen',
  'pipedrive.error.connectPipedrive.subtitle':
    'Installeer de Intilery-app voor je Pipedrive-gebruiker om hier klantgegevens te zien.',
  'pipedrive.error.connectPipedrive.action': 'Koppelen',
  'pipedrive.error.reconnect.title': 'Pipedrive opnieuw koppelen',
  'pipedrive.error.reconnect.subtitle': 'De verbinding met Intilery is verlopen of ingetrokken.',
  'pipedrive.error.reconnect.action': 'Opnieuw koppelen',
  'pipedrive.error.pipedriveDown.title': 'Pipedrive gaf geen antwoord',
  'pipedrive.error.intileryDown.title': 'Intilery gaf geen antwoord',
  'pipedrive.error.retrySoon': 'Laad zo dadelijk opnieuw.',
  'pipedrive.error.notAuthorized.title': 'Niet gemachtigd',
  'pipedrive.error.notAuthorized.subtitle': 'Laad de pagina opnieuw om het nog eens te proberen.',
  'pipedrive.error.badRequest.title': 'Ongeldig verzoek',
  'pipedrive.error.tooMany.title': 'Te veel verzoeken',
  'pipedrive.error.tooMany.subtitle': 'Laad over een minuut opnieuw.',
  'pipedrive.error.refused.title': 'Intilery weigerde toegang',
  'pipedrive.error.refused.subtitle':
    'Vraag je beheerder de Intilery-gegevens op de relay te controleren.',
  'pipedrive.error.unavailable.title': 'Paneel niet beschikbaar',
}
