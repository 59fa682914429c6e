/**
 * The key of an event name: `Email Opened` -> `email_opened`. The events endpoint stores it as
 * `eventAction` and accepts either form in `include` / `exclude`.
 */
export function toEventKey(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '')
}
