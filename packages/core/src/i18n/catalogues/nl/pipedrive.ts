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
  'pipedrive.panel.chooseCustomer': 'Kies er een in het Intilery-paneel',
  'pipedrive.panel.openInPipedrive': 'Openen in Pipedrive',
  'pipedrive.rollup.header': 'Accountoverzicht',
  'pipedrive.rollup.known':
    '{known} van {people, plural, one {# persoon} other {# personen}} bekend bij Intilery',
  'pipedrive.rollup.totals': 'Totale waarde: {totals}',
}
