/** The files of a built app directory, as paths relative to it (`assets/logo.png`, …). */
import { readdirSync } from 'node:fs'
import { join, relative } from 'node:path'

export function appFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
}
