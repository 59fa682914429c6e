/**
 * @module cli/export-finish
 * `relay export` in the process that writes the tables (RELAY_EXPORT_CHILD=finish): the flags and
 * the checkpoint are all it needs, so it loads no store, no Redis and no host code, and sends no
 * request; its memory is DuckDB's and little else.
 */
import { ExportRefusedError, folderState } from '../export/export-folder.ts'
import { finishExport } from '../export/finish-export.ts'
import { lockFolder } from '../export/folder-lock.ts'
import type { CliIo } from './cli-args.ts'
import {
  EXPORT_COMMAND_ENV,
  exportOptionsOf,
  parseExportArgs,
  printSummary,
  progressFor,
  relayVersion,
} from './export-shared.ts'

export async function exportFinishCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const now = () => Date.now()
  const options = exportOptionsOf(parseExportArgs(argv), io, now())
  const state = folderState(options)
  if (state.kind !== 'resume' || state.checkpoint.phase !== 'finishing')
    throw new ExportRefusedError(`${options.out} has no export whose reading has finished`)
  const unlock = lockFolder(options.out)
  const progress = progressFor(options, io, now)
  try {
    const manifest = await finishExport(options, state.checkpoint, {
      now,
      progress,
      command: io.env[EXPORT_COMMAND_ENV] ?? ['relay', ...argv].join(' '),
      relayVersion,
    })
    progress.end()
    return printSummary(manifest, options.out, io)
  } finally {
    progress.end()
    unlock()
  }
}
