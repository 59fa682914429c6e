/**
 * @module export/durable-files
 * What makes the export's folder survive a power cut, not only a killed process: a file's bytes
 * are forced to disk before a rename publishes it, and a folder is forced to disk after entries are
 * renamed into it (a rename is a change to the folder, which the kernel may otherwise hold in
 * memory after the process has exited). The manifest is written last this way, so a folder whose
 * manifest survives holds every table the manifest names, whole.
 *
 * Hand-written because it is four system calls; the packages that do it (write-file-atomic) write
 * asynchronously and do not sync folders.
 */
import { closeSync, fsyncSync, openSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import process from 'node:process'

/** Forces the file's bytes (written by anyone, DuckDB included) to disk. */
export function syncFile(path: string): void {
  // Windows flushes only a handle opened for writing (FlushFileBuffers); elsewhere reading will do.
  syncOpened(path, process.platform === 'win32' ? 'r+' : 'r')
}

/**
 * Error codes of a file system that cannot force a folder to disk (some FUSE and network ones):
 * it offers no such guarantee to keep, so the export goes on rather than failing after hours.
 */
const FOLDER_SYNC_UNSUPPORTED = new Set(['EINVAL', 'ENOTSUP', 'ENOSYS'])

/**
 * Forces the folder's entries (files renamed or created in it) to disk. Windows cannot open a
 * folder as a file, and its file system orders a rename's metadata itself: nothing to do there.
 */
export function syncFolder(path: string): void {
  if (process.platform === 'win32') return
  try {
    syncOpened(path, 'r')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === undefined || !FOLDER_SYNC_UNSUPPORTED.has(code)) throw error
  }
}

function syncOpened(path: string, flags: 'r' | 'r+'): void {
  const fd = openSync(path, flags)
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/**
 * Replaces `path` with `text` atomically and durably: a temporary file beside it, forced to disk,
 * renamed over it, then the folder forced to disk. A reader sees the old file or the new one.
 */
export function replaceFile(path: string, text: string, mode = 0o600): void {
  const temporary = `${path}.tmp`
  const fd = openSync(temporary, 'w', mode)
  try {
    // Whole, however many writes the system takes (a nearly full disk may take part of it).
    writeFileSync(fd, text)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(temporary, path)
  syncFolder(dirname(path))
}
