/**
 * @module i18n/catalogues/en/profile
 * Text of the profile card (formatProfile) and of the pasted note (summarize). Trait keys,
 * audience names and ids are data and never come from here; only the labels around them do.
 */
export const profileMessages = {
  'profile.section.identities': 'Identities',
  'profile.section.traits': 'Traits',
  'profile.section.computed': 'Computed traits',
  'profile.section.audiences': 'Audiences',
  'profile.section.consent': 'Marketing consent',
  'profile.section.activity': 'Activity',
  'profile.audiences.dynamic': 'Dynamic',
  'profile.audiences.static': 'Static',
  'profile.consent.subscribed': 'Subscribed',
  'profile.consent.unsubscribed': 'Unsubscribed',
  'profile.channel.email': 'Email',
  'profile.channel.sms': 'SMS',
  'profile.channel.whatsapp': 'WhatsApp',
  'profile.channel.facebook': 'Facebook',
  'profile.channel.push': 'Push',
  'profile.identity.id': 'Intilery ID',
  'profile.identity.userId': 'User ID',
  'profile.identity.externalId': 'External ID',
  'profile.identity.email': 'Email',
  'profile.identity.phone': 'Phone',
  'profile.identity.anonymousId': 'Anonymous ID',
  // Shown after a display name that is not a real name, e.g. "joe@example.com (from email)".
  'profile.nameSource.email': '(from email)',
  'profile.nameSource.userId': '(from user ID)',
  'profile.nameSource.externalId': '(from external ID)',
  'profile.nameSource.id': '(from Intilery ID)',
  // A display name followed by its hint, where both are on one line (the pasted note).
  'profile.nameWithHint': '{name} {hint}',
  'profile.firstSeen': 'First seen',
  'profile.lastActive': 'Last active',
  // Labels of well-known traits; any other trait is labelled with its key, verbatim.
  'profile.trait.organisation': 'Organisation',
  'profile.trait.company': 'Company',
  'profile.trait.jobTitle': 'Job title',
  'profile.trait.industry': 'Industry',
  'profile.trait.website': 'Website',
  'profile.trait.city': 'City',
  'profile.trait.country': 'Country',
  'profile.trait.language': 'Language',
  'profile.trait.plan': 'Plan',
  'profile.empty.traits': 'No traits recorded.',
  'profile.empty.computed': 'No computed traits.',
  'profile.empty.audiences': 'Not in any audience.',
  'profile.empty.consent': 'No consent recorded.',
  // The note an agent pastes into a ticket or deal (summarize).
  'profile.summary.title': 'Intilery customer',
  'profile.summary.noMatch': 'No Intilery customer matches.',
  'profile.summary.manyMatches':
    '{count, plural, one {# Intilery customer matches:} other {# Intilery customers match:}}',
  'profile.summary.recentActivity': 'Recent activity',
  'profile.summary.noActivity': 'No recent activity.',
  'profile.summary.stale': 'Intilery could not be reached; data as of {time}.',
} as const
