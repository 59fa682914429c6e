/**
 * @module export/node-child
 * How the export starts its reading process (a capped heap): the same Node, with tsx's loader, since the relay's CLI runs its TypeScript
 * source (tsx is what `pnpm relay` runs it with).
 */
import process from 'node:process'

/** Node's arguments for a child running a `.ts` file (resolved here, so any working folder works). */
export function typescriptNodeArgs(): string[] {
  return ['--import', import.meta.resolve('tsx')]
}

/** Node's own path. */
export const nodePath = process.execPath
