/**
 * @module visible-text
 * Data shown as it reads. Escaping keeps markup inert; what it does not stop is Unicode
 * bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which make
 * `invoice\u202Efdp.exe` display as "invoiceexe.pdf". Every text that leaves the apps (the panels,
 * the Pipedrive JSON panel, the notes written to Zendesk and Pipedrive) goes through this one
 * function: each such control becomes U+FFFD, so the reader sees that something odd is there
 * instead of being misled. Other characters, zero-width ones included, are kept: they cannot
 * reorder what is shown.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g

export function neutralizeBidi(text: string): string {
  return text.replace(BIDI_CONTROLS, '\uFFFD')
}

/** Whether `text` holds any control neutralizeBidi replaces (for tests and checks). */
export function hasBidiControl(text: string): boolean {
  return /[\u202A-\u202E\u2066-\u2069]/.test(text)
}
