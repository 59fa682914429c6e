/**
 * @module cli/export-finish
 * `relay export`'s last step, in the command's own process once the reader has exited: the flags
 * and the checkpoint are all it needs, so it loads no store, no Redis and no host code, and sends
 * no request; what it adds to the process is the export's modules and DuckDB.
 */
import process from 'node:process'

import { ExportRefusedError, folderState } from '../export/export-folder.ts'
import { finishExport } from '../export/finish-export.ts'
import { lockFolder } from '../export/folder-lock.ts'
import type { CliIo } from './cli-args.ts'
import {
  exportOptionsOf,
  parseExportArgs,
  printSummary,
  progressFor,
  relayVersion,
} from './export-shared.ts'

export async function exportFinishCommand(
  argv: readonly string[],
  io: CliIo,
  { command }: { readonly command: string }
): Promise<number> {
  const now = () => Date.now()
  const given = exportOptionsOf(parseExportArgs(argv), io, now())
  const state = folderState(given)
  if (state.kind !== 'resume' || state.checkpoint.phase !== 'finishing')
    throw new ExportRefusedError(`${given.out} has no export whose reading has finished`)
  const { options } = state
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
      command,
      relayVersion,
    })
    progress.end()
    return printSummary(manifest, options.out, io)
  } finally {
    progress.end()
    unlock()
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}
