/**
 * What `pnpm start` says when the demo cannot start: the error's own words (each part of an
 * AggregateError on a line), and for a port already taken, what usually took it and how to move.
 */

const PORT_SETTINGS =
  'SANDBOX_PORT, PORT (the relay), ZENDESK_PORT, PIPEDRIVE_PORT, PIPEDRIVE_PREVIEW_PORT, DEMO_SITE_PORT'

function describe(error: unknown): string {
  if (error instanceof AggregateError)
    return [error.message, ...error.errors.map(describe)].join('\n  ')
  return error instanceof Error ? error.message : String(error)
}

function portTaken(error: unknown): boolean {
  if (error instanceof AggregateError) return error.errors.some(portTaken)
  // The relay, a process of its own, says it in its words: "port 8787 … is already in use".
  return (
    (error as { code?: unknown } | null)?.code === 'EADDRINUSE' ||
    (error instanceof Error && / is already in use/.test(error.message))
  )
}

/** The lines to print (without the `demo: ` prefix). */
export function failureText(error: unknown): string {
  const text = describe(error)
  if (!portTaken(error)) return text
  return `${text}\n  Is another demo running? Stop it (Ctrl-C where it runs), or start this one on other ports: ${PORT_SETTINGS}.`
}
