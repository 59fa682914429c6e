/**
 * @module i18n
 * The panel's words come from core's catalogues, like the formatters' do, so one locale switch
 * changes everything. `t` is bound to the locale the panel resolved.
 */
import { createTranslator, type MessageId, type MessageValues } from '@intilery-connect/core'

export type Translate = (id: MessageId, values?: MessageValues) => string

export function translatorFor(locale: string, timeZone: string | undefined): Translate {
  const translator = createTranslator(locale, { timeZone })
  return (id, values) => translator.t(id, values)
}

/** The viewer's locale and zone, as the panel resolved them; every formatter call takes these. */
export interface PanelFormat {
  readonly locale: string
  readonly timeZone: string | undefined
}
