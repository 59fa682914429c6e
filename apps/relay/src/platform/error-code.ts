/**
 * @module platform/error-code
 * The `code` drivers and Node put on their errors (`SQLITE_BUSY`, `ECONNRESET`, Postgres's
 * `57P01`), when it is a string: what tells one failure from another without reading its message.
 */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code
  return typeof code === 'string' ? code : undefined
}
