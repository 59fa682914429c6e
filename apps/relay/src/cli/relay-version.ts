/** The relay's version (its package.json's), for what the CLI writes. */
import { createRequire } from 'node:module'

export const relayVersion = (
  createRequire(import.meta.url)('../../package.json') as { version: string }
).version
