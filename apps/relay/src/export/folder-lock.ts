/**
 * @module export/folder-lock
 * One export writes a folder at a time: `.export/lock` holds the writer's process id. A second
 * export (a cron job started again while the first still runs) is refused rather than
 * interleaving its lines with the first's. A lock left by a process that is gone (killed, crashed)
 * is taken over: the checkpoint, not the lock, is what makes a resume safe.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import process from 'node:process'

import { ExportRefusedError } from './export-folder.ts'
import { stateDir } from './staging.ts'

const lockPath = (out: string) => join(stateDir(out), 'lock')

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** @throws ExportRefusedError when another live process holds the folder. @returns the release. */
export function lockFolder(out: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath(out), 'wx', 0o600)
      writeSync(fd, String(process.pid))
      closeSync(fd)
      return () => rmSync(lockPath(out), { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = Number(readFileSync(lockPath(out), 'utf8'))
      if (Number.isInteger(holder) && holder !== process.pid && alive(holder))
        throw new ExportRefusedError(
          `another export (process ${holder}) is writing ${out}; wait for it, or stop it and --resume`
        )
      rmSync(lockPath(out), { force: true })
    }
  }
  throw new ExportRefusedError(`${out} could not be locked for this export`)
}
