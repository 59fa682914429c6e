/**
 * @module i18n/catalogues/en/pipedrive
 * Why a Pipedrive record shows no customer, said the same way by the custom panel (in the viewer's
 * language) and the relay's JSON panel (English: Pipedrive sends it no locale). `resource` is
 * `person`, `deal` or `organization`; `other` covers person.
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
} as const
