/**
 * @module timeline/describe-views
 * Page and screen calls. A page's title says most ("Pricing | Intilery"); the path and the referrer
 * (where the visitor came from) follow as details. A screen is named by its screen name.
 */
import { addCustomDetails } from './custom-details.ts'
import { type Described, DetailRows, timelineMessage } from './detail-rows.ts'
import { type EventFacts, field, firstText, text } from './read-event.ts'

/** The page's readable name: its title, else the call's name, else the path, else the URL. */
export function pageLabel(facts: EventFacts): string | undefined {
  const { props } = facts
  return (
    text(field(props, 'title')) ??
    text(field(facts.raw, 'name')) ??
    text(field(props, 'name')) ??
    text(field(props, 'path')) ??
    text(field(props, 'url'))
  )
}

export function describePage(facts: EventFacts, maxDetails: number): Described {
  const { props } = facts
  const path = text(field(props, 'path'))
  const url = text(field(props, 'url'))
  const page =
    text(field(props, 'title')) ??
    text(field(facts.raw, 'name')) ??
    text(field(props, 'name')) ??
    path ??
    url
  const rows = new DetailRows(maxDetails)
  // The path is only worth a row when the title did not already show it; the URL only when
  // there is no path (the path is the readable part of it).
  if (path !== page) rows.add('timeline.detail.path', path)
  if (path === undefined && url !== page) rows.add('timeline.detail.url', url)
  rows.add('timeline.detail.referrer', text(field(props, 'referrer')))
  return {
    title:
      page === undefined
        ? timelineMessage('timeline.page.viewedUnknown')
        : timelineMessage('timeline.page.viewed', { page }),
    detail: rows.rows,
  }
}

const SCREEN_NAME_KEYS = ['name', 'screen_name']

/** The screen's name: the call's name, else a `name` or `screen_name` property. */
export function screenLabel(facts: EventFacts): string | undefined {
  return text(field(facts.raw, 'name')) ?? firstText(facts.props, SCREEN_NAME_KEYS)
}

export function describeScreen(facts: EventFacts, maxDetails: number): Described {
  const screen = screenLabel(facts)
  const rows = new DetailRows(maxDetails)
  // Screens carry app-specific properties; the custom rule picks the telling ones.
  addCustomDetails(rows, facts.props, new Set(SCREEN_NAME_KEYS))
  return {
    title:
      screen === undefined
        ? timelineMessage('timeline.screen.viewedUnknown')
        : timelineMessage('timeline.screen.viewed', { screen }),
    detail: rows.rows,
  }
}
