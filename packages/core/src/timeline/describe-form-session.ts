/**
 * @module timeline/describe-form-session
 * Forms and leads (what a sales rep qualifies on: which form, from which source) and app sessions
 * (Segment's Mobile spec: opened, backgrounded, installed, updated, uninstalled, closed, with the
 * app version, which support agents ask for first).
 */
import type { TimelineMessageId } from '../i18n/catalogues/en/timeline.ts'
import { addCustomDetails } from './custom-details.ts'
import { type Described, DetailRows, timelineMessage } from './detail-rows.ts'
import { type EventFacts, field, firstText, idText } from './read-event.ts'

const FORM_NAME = ['form_name', 'form_title', 'name']
const FORM_PAGE = ['page_url', 'url', 'path']
const LEAD_SOURCE = ['lead_source', 'source']
const FORM_KEYS: ReadonlySet<string> = new Set([...FORM_NAME, ...FORM_PAGE, ...LEAD_SOURCE])

export function describeForm(facts: EventFacts, maxDetails: number): Described {
  const { props } = facts
  const rows = new DetailRows(maxDetails)
  let title
  if (facts.action === 'lead_created') {
    title = timelineMessage('timeline.form.leadCreated')
    rows
      .add('timeline.detail.leadSource', firstText(props, LEAD_SOURCE))
      .add('timeline.detail.form', firstText(props, FORM_NAME))
  } else {
    const form = firstText(props, FORM_NAME)
    title =
      form === undefined
        ? timelineMessage('timeline.form.submittedUnknown')
        : timelineMessage('timeline.form.submitted', { form })
    rows.add('timeline.detail.page', firstText(props, FORM_PAGE))
  }
  // Forms carry the fields a visitor filled in (company size, interest): the custom rule shows them.
  addCustomDetails(rows, props, FORM_KEYS)
  return { title, detail: rows.rows }
}

const SESSION_TITLES: ReadonlyMap<string, TimelineMessageId> = new Map<string, TimelineMessageId>([
  ['application_opened', 'timeline.session.appOpened'],
  ['application_backgrounded', 'timeline.session.appBackgrounded'],
  ['application_installed', 'timeline.session.appInstalled'],
  ['application_updated', 'timeline.session.appUpdated'],
  ['application_uninstalled', 'timeline.session.appUninstalled'],
  ['application_closed', 'timeline.session.appClosed'],
])

export function describeSession(facts: EventFacts, maxDetails: number): Described {
  const { props } = facts
  const rows = new DetailRows(maxDetails)
    .add('timeline.detail.version', idText(field(props, 'version')))
    .add('timeline.detail.previousVersion', idText(field(props, 'previous_version')))
    .add('timeline.detail.build', idText(field(props, 'build')))
  return {
    title: timelineMessage(SESSION_TITLES.get(facts.action) ?? 'timeline.session.appOpened'),
    detail: rows.rows,
  }
}
