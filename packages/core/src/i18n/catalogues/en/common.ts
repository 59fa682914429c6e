/**
 * @module i18n/catalogues/en/common
 * Text every surface needs: day headings, list tails, burst toggles and the empty, loading and
 * error states the UI package shows. Kept generic (no host names) so Zendesk and Pipedrive share it.
 */
export const commonMessages = {
  'common.today': 'Today',
  'common.yesterday': 'Yesterday',
  'common.tomorrow': 'Tomorrow',
  'common.unknownDate': 'Unknown date',
  'common.yes': 'Yes',
  'common.no': 'No',
  // A label and its value on one line; French puts a space before the colon, Japanese uses ：.
  'common.labelValue': '{label}: {value}',
  // An absolute time followed by its relative form: "Nov 22, 2026, 9:00 AM (2 hours ago)".
  'common.timeWithRelative': '{time} ({relative})',
  // Standalone tail of a shortened list, e.g. a link under three audiences.
  'common.andMore': 'and {count} more',
  // Last item of a shortened list joined by Intl.ListFormat: "A, B and 3 more".
  'common.moreCount': '{count} more',
  'common.burst.expand': '{count, plural, one {Show # event} other {Show all # events}}',
  'common.burst.collapse': 'Show fewer',
  'common.loading': 'Loading…',
  'common.loadMore': 'Load more',
  'common.retry': 'Try again',
  'common.refresh': 'Refresh',
  'common.copy': 'Copy',
  'common.copied': 'Copied',
  'common.filter.all': 'All',
  'common.kind.email': 'Emails',
  'common.kind.page': 'Pages',
  'common.kind.screen': 'Screens',
  'common.kind.identify': 'Profile updates',
  'common.kind.commerce': 'Shopping',
  'common.kind.form': 'Forms',
  'common.kind.support': 'Support',
  'common.kind.sales': 'Sales',
  'common.kind.session': 'App sessions',
  'common.kind.custom': 'Other events',
  'common.empty.timeline': 'No activity yet.',
  'common.empty.filtered': 'No activity matches these filters.',
  'common.error.notFound': 'No customer found in Intilery.',
  'common.error.notFoundFor': 'No customer found in Intilery for {identity}.',
  'common.error.manyMatches':
    '{count, plural, one {# customer matches.} other {# customers match. Choose one:}}',
  'common.error.rateLimited': 'Intilery is busy. Try again in a moment.',
  'common.error.upstreamDown': 'Intilery can’t be reached right now.',
  'common.error.relayDown': 'The relay can’t be reached right now.',
  'common.error.timeout': 'Intilery took too long to answer.',
  'common.error.stale': 'Showing saved data as of {time}.',
  'common.error.unauthorized': 'Your session has expired. Reload to continue.',
  'common.error.misconfigured':
    'This app isn’t set up yet. Ask an administrator to check its settings.',
  'common.error.generic': 'Something went wrong.',
  'common.timeline.title': 'Activity',
  'common.search.title': 'Not this person? Search Intilery',
  'common.search.by': 'Search by',
  'common.search.email': 'Email',
  'common.search.userId': 'User ID',
  'common.search.id': 'Intilery ID',
  'common.search.anonymousId': 'Anonymous ID',
  'common.search.value': 'Value to search for',
  'common.search.submit': 'Search',
  'common.search.notEmail': 'That is not an email address.',
  'common.search.notSearchable': 'Intilery cannot search for that value.',
  'common.picker.choose': 'Show this customer',
  'common.note.add': 'Add summary to internal note',
  'common.note.added': 'Summary added to the internal note.',
  'common.filter.eventName': 'Event name',
  'common.filter.from': 'From',
  'common.filter.to': 'To',
  'common.filter.clear': 'Clear filters',
  'common.filter.legend': 'Activity filters',
  'common.filter.kinds': 'Kinds of activity',
  // The button that opens the timeline's filter bar; `count` is how many filters are on.
  'common.filter.toggle': '{count, plural, =0 {Filters} other {Filters (#)}}',
  'common.stale.banner': 'Intilery can’t be reached. Showing data as of {time}.',
  'common.picker.lastActive': 'Last active {relative}',
  'common.picker.noActivity': 'No activity yet',
  'common.picker.orders': '{count, plural, =0 {No orders} one {# order} other {# orders}}',
  'common.picker.ordersLoading': 'Reading orders…',
  'common.picker.ordersFailed': 'Orders could not be read',
  'common.picker.audiences': 'Audiences: {names}',
  'common.choice.chosen':
    '{count, plural, one {Chosen from # matching customer.} other {Chosen from # matching customers.}}',
  'common.choice.remembered':
    '{count, plural, one {Chosen from # matching customer; the choice is remembered.} other {Chosen from # matching customers; the choice is remembered.}}',
  'common.choice.notRemembered':
    '{count, plural, one {Chosen from # matching customer. The choice could not be saved: you’ll be asked again next time.} other {Chosen from # matching customers. The choice could not be saved: you’ll be asked again next time.}}',
  'common.choice.notForgotten':
    'The earlier choice could not be forgotten: it may be shown again next time.',
  'common.choice.change': 'Change',
  // Who the panel was opened for: `subject` is requester (Zendesk tickets), user (Zendesk's user
  // sidebar) or contact (a Pipedrive record's person).
  'common.moved.banner':
    '{subject, select, user {Showing {name}, not this user.} contact {Showing {name}, not this record’s contact.} other {Showing {name}, not this ticket’s requester.}}',
  'common.moved.back':
    '{subject, select, user {Back to the user} contact {Back to the record’s contact} other {Back to the requester}}',
  'common.note.confirm':
    '{subject, select, user {{name} is not this user. Add their summary anyway?} contact {{name} is not this record’s contact. Add their summary anyway?} other {{name} is not this ticket’s requester. Add their summary anyway?}}',
  'common.note.confirmAdd': 'Add anyway',
  'common.note.cancel': 'Cancel',
  'common.error.rejectedInstallation':
    'The relay did not accept this installation’s requests. An administrator should check that the app’s shared secret is the one set on the relay.',
  'common.error.relayUnreachable':
    'No relay answered at the app’s Relay URL. An administrator should check that setting and that the Intilery Connect relay is running.',
  'common.error.upstreamCredentials':
    'The relay’s Intilery credentials were refused. An administrator should check the Intilery token on the relay.',
  'common.filter.badRange': '“From” is after “To”: the dates are not applied.',
  'common.setup.relayUrlMissing':
    'The Relay URL setting is empty. An administrator should set it to your Intilery Connect relay’s address, such as {example}, in {where}.',
  'common.setup.relayUrlInvalid':
    'The Relay URL setting (“{value}”) is not a web address. An administrator should set it to your Intilery Connect relay’s address, such as {example}, in {where}.',
  'common.setup.relayUrlNotHttps':
    'The Relay URL setting (“{value}”) must start with {https}. An administrator should correct it in {where}.',
  'common.setup.relayHostNotBuilt':
    'The Relay URL setting points at {host}, but this copy of the app was built for {builtFor}, and Zendesk sends its signed requests only to the hosts an app was built for. An administrator should correct the setting in {where}, or build the app for {host} (ZENDESK_RELAY_DOMAINS={host}) and upload it again.',
  'common.setup.couldNotStart': 'The Intilery app could not start: {reason}',
} as const
