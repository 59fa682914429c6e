/** A `relay` command was called wrongly; the CLI prints the message and the usage. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError'
}
