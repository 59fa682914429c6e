/**
 * Preloaded into the bench's child processes (`--import ./bench/orphan-guard.ts`): a child whose
 * parent has gone (the bench killed outright, or out of memory, so its exit handlers never ran)
 * ends itself instead of holding its port forever.
 */
import process from 'node:process'

const parent = process.ppid
setInterval(() => {
  if (process.ppid !== parent) process.exit(1)
}, 1_000).unref()
