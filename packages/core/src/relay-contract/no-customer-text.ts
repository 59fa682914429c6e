/**
 * @module relay-contract/no-customer-text
 * Why a Pipedrive record shows no customer, in words: one source for the custom panel (viewer's
 * language) and the relay's JSON panel (English). Emails are data and stay verbatim; the text is
 * plain, never markup, so a hostile address stays inert wherever it is shown.
 *
 * Text comes from core's catalogues: in a browser, `loadLocale(locale)` first, or it reads in
 * English until the catalogue arrives (as every core message does).
 */
import type { MessageId } from '../i18n/catalogues/index.ts'
import { createTranslator } from '../i18n/locale.ts'
import { noCustomerReason, type NoCustomerReason, type Subject } from './pipedrive-subject.ts'

/** What the words need of a subject. The relay's own resolved subject (no lookup yet) fits too. */
export type SubjectWithoutCustomer = Pick<Subject, 'resource' | 'reason' | 'persons'> & {
  readonly emails: readonly string[]
}

export interface NoCustomerText {
  /** One sentence: why nobody is shown ("This deal has no contact person."). */
  readonly reason: string
  /** Set when an organization has more people than were looked at. */
  readonly remark: string | undefined
  /** The reason and the remark as one line, joined the locale's way. */
  readonly line: string
}

const REASON_MESSAGE = {
  not_found: 'pipedrive.noCustomer.notFound',
  no_person: 'pipedrive.noCustomer.noPerson',
  no_email: 'pipedrive.noCustomer.noEmail',
  no_profile: 'pipedrive.noCustomer.noProfile',
} as const satisfies Readonly<Record<NoCustomerReason, MessageId>>

/**
 * "Only the first 3 people of this organization were checked.", or undefined when every person was
 * looked at (or the record is not an organization). Also worth saying beside a matched customer.
 */
export function firstPeopleRemark(
  subject: Pick<SubjectWithoutCustomer, 'persons'>,
  locale: unknown
): string | undefined {
  const persons = subject.persons
  if (persons?.more !== true) return undefined
  return createTranslator(locale).t('pipedrive.noCustomer.firstPeopleOnly', {
    count: persons.shown,
  })
}

/** @param locale a tag or preference list, as createTranslator takes; junk gives English. */
export function noCustomerText(subject: SubjectWithoutCustomer, locale: unknown): NoCustomerText {
  const tr = createTranslator(locale)
  const why = noCustomerReason(subject)
  // "Matches nobody" needs the emails it tried; without any, the record simply has no email.
  const reason =
    why === 'no_profile' && subject.emails.length > 0
      ? tr.t(REASON_MESSAGE.no_profile, { emails: subject.emails.join(', ') })
      : tr.t(REASON_MESSAGE[why === 'no_profile' ? 'no_email' : why], {
          resource: subject.resource,
        })
  const remark = firstPeopleRemark(subject, locale)
  return {
    reason,
    remark,
    line:
      remark === undefined ? reason : tr.t('pipedrive.noCustomer.withRemark', { reason, remark }),
  }
}
