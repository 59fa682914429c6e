/**
 * @module export/export-errors
 * The export's stop, apart from the export's code, so the CLI can map it to an exit code without
 * loading DuckDB.
 */

/** Stopped by Ctrl-C or SIGTERM; the checkpoint holds every customer committed so far. */
export class ExportInterruptedError extends Error {
  override readonly name = 'ExportInterruptedError'
}

/** The exit status of a shell's Ctrl-C (128 + SIGINT). */
export const INTERRUPTED_EXIT_CODE = 130
