/**
 * @module wiring/listen-error
 * Why the relay could not listen on HOST:PORT, in words an operator acts on. Node's own error is a
 * stack trace around `listen EADDRINUSE: address already in use`, which start-up would otherwise
 * print as the relay's last words.
 */

/** The relay did not start listening; the message is one line that says what to change. */
export class ListenError extends Error {
  override readonly name = 'ListenError'
}

export function listenError(error: unknown, host: string, port: number): ListenError {
  const code = (error as { code?: unknown } | undefined)?.code
  const where = `port ${String(port)} on ${host}`
  switch (code) {
    case 'EADDRINUSE':
      return new ListenError(`${where} is already in use (set PORT or HOST)`, { cause: error })
    case 'EACCES':
      return new ListenError(`${where} needs privileges the relay does not have (set PORT)`, {
        cause: error,
      })
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new ListenError(`HOST ${host} is not an address of this machine (set HOST)`, {
        cause: error,
      })
    default:
      return new ListenError(
        `cannot listen on ${where}: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error }
      )
  }
}
