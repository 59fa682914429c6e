/**
 * @module visible-text
 * Data shown as it reads. Text nodes already keep markup inert; what they do not stop is Unicode
 * bidirectional overrides and isolates, which make `invoice\u202Efdp.exe` display as
 * "invoiceexe.pdf". Each such control is shown as U+FFFD, so the agent sees that something odd is
 * there instead of being misled.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g

export function visibleText(text: string): string {
  return text.replace(BIDI_CONTROLS, '\uFFFD')
}
