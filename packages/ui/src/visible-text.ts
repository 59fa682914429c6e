/**
 * @module visible-text
 * Data shown as it reads. Text nodes already keep markup inert; what they do not stop is Unicode
 * bidirectional overrides and isolates, which make `invoice\u202Efdp.exe` display as
 * "invoiceexe.pdf". Each such control is shown as U+FFFD (core's neutralizeBidi, the one rule every
 * text leaving the apps follows), so the agent sees that something odd is there.
 */
import { neutralizeBidi } from '@intilery-connect/core'

export function visibleText(text: string): string {
  return neutralizeBidi(text)
}
