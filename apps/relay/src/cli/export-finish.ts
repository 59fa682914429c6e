/**
 * @module cli/export-finish
 * `relay export` in the process that writes the tables (RELAY_EXPORT_CHILD=finish): the flags and
 * the checkpoint are all it needs, so it loads no store, no Redis and no host code, and sends no
 * request; its memory is DuckDB's and little else.
 */
import { ExportRefusedError, folderState } from '../export/export-folder.ts'
import { finishExport } from '../export/finish-export.ts'
import { lockFolder } from '../export/folder-lock.ts'
import { exitWithParent } from './export-process.ts'
import process from 'node:process'
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
  const given = exportOptionsOf(parseExportArgs(argv), io, now())
  const state = folderState(given)
  if (state.kind !== 'resume' || state.checkpoint.phase !== 'finishing')
    throw new ExportRefusedError(`${given.out} has no export whose reading has finished`)
  const { options } = state
  exitWithParent()
  // Ctrl-C while the tables are written: say how to finish them (DuckDB cannot be stopped
  // half-way, and nothing it left matters: a resumed run writes every table again).
  const onSignal = (signal: NodeJS.Signals) => {
    io.err(
      `relay: stopped while writing the tables; run the same command with --resume to finish them\n`
    )
    process.exit(signal === 'SIGINT' ? 130 : 143)
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
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
