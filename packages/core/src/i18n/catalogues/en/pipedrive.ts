/**
 * @module i18n/catalogues/en/pipedrive
 * Why a Pipedrive record shows no customer, said the same way by the custom panel (in the browser's
 * language) and the relay's JSON panel (in the language of the request's Accept-Language), and the
 * JSON panel's own words. `resource` is `person`, `deal` or `organization`; `other` covers person.
 */
export const pipedriveMessages = {
  'pipedrive.noCustomer.notFound':
    '{resource, select, deal {Pipedrive could not find this deal.} organization {Pipedrive could not find this organization.} other {Pipedrive could not find this person.}}',
  // A person "without a person" is one Pipedrive no longer has.
  'pipedrive.noCustomer.noPerson':
    '{resource, select, deal {This deal has no contact person.} organization {This organization has no people.} other {Pipedrive could not find this person.}}',
  'pipedrive.noCustomer.noEmail':
    '{resource, select, deal {This deal’s contact person has no email address.} organization {None of this organization’s people has an email address.} other {This person has no email address.}}',
  // `emails`: the addresses looked up, comma-separated.
  'pipedrive.noCustomer.noProfile': 'No Intilery customer matches {emails}.',
  // An organization's people are looked at up to a limit; said only when it has more.
  'pipedrive.noCustomer.firstPeopleOnly':
    '{count, plural, one {Only the first person of this organization was checked.} other {Only the first # people of this organization were checked.}}',
  // The reason, then the remark: two sentences (Japanese joins them without a space).
  'pipedrive.noCustomer.withRemark': '{reason} {remark}',
  // The JSON panel's own words (the relay's answer to Pipedrive, in the viewer's language).
  'pipedrive.panel.openInIntilery': 'Open in Intilery',
  'pipedrive.panel.matchedOn': 'Matched on {email}.',
  // `count` is at least 2: several Intilery customers have the email the record holds.
  'pipedrive.panel.sharedEmail':
    '{count, plural, one {# Intilery customer has this email.} other {# Intilery customers share this email: this is the most recently active.}}',
  // As sharedEmail, when the rep chose one of them in the custom panel on this record.
  'pipedrive.panel.sharedEmailChosen':
    '{count, plural, one {# Intilery customer has this email.} other {# Intilery customers share this email: this is the one chosen in the Intilery panel.}}',
  // A link's label (Pipedrive cuts at 40 characters): where the rep picks one of the customers.
  'pipedrive.panel.chooseCustomer': 'Choose one in the Intilery panel',
  'pipedrive.panel.openInPipedrive': 'Open in Pipedrive',
  // An organization's people, rolled up into one account.
  'pipedrive.rollup.header': 'Account overview',
  'pipedrive.rollup.known':
    '{known} of {people, plural, one {# person} other {# people}} known to Intilery',
  // `totals`: one amount per currency, as a list ("£1,200.00 and €300.00").
  'pipedrive.rollup.totals': 'Total value: {totals}',
  // The JSON panel's error states (Pipedrive cuts a title after 30 characters; the subtitle is
  // read as Markdown, so these hold no Markdown syntax).
  'pipedrive.error.connectIntilery.title': 'Connect Intilery',
  'pipedrive.error.connectIntilery.subtitle':
    'This Pipedrive company is not linked to an Intilery workspace yet. A Pipedrive admin links it by installing the app.',
  'pipedrive.error.connectIntilery.action': 'Connect Intilery',
  'pipedrive.error.connectPipedrive.title': 'Connect Pipedrive',
  'pipedrive.error.connectPipedrive.subtitle':
    'Install the Intilery app for your Pipedrive user to see customer data here.',
  'pipedrive.error.connectPipedrive.action': 'Connect',
  'pipedrive.error.reconnect.title': 'Reconnect Pipedrive',
  'pipedrive.error.reconnect.subtitle': 'The connection to Intilery has expired or was revoked.',
  'pipedrive.error.reconnect.action': 'Reconnect',
  'pipedrive.error.pipedriveDown.title': 'Pipedrive did not answer',
  'pipedrive.error.intileryDown.title': 'Intilery did not answer',
  'pipedrive.error.retrySoon': 'Reload in a moment.',
  'pipedrive.error.notAuthorized.title': 'Not authorized',
  'pipedrive.error.notAuthorized.subtitle': 'Reload the page to try again.',
  'pipedrive.error.badRequest.title': 'Bad request',
  'pipedrive.error.tooMany.title': 'Too many requests',
  'pipedrive.error.tooMany.subtitle': 'Reload in a minute.',
  'pipedrive.error.refused.title': 'Intilery refused access',
  'pipedrive.error.refused.subtitle':
    'Ask your admin to check the Intilery credentials on the relay.',
  'pipedrive.error.unavailable.title': 'Panel unavailable',
} as const
