// The demo's relay process stops itself when the process that started it is gone, however that one
// ended: its IPC channel closes, and exit-with-parent.ts turns that into the relay's SIGTERM stop.
import { spawn } from 'node:child_process'
import process from 'node:process'

import { expect, it } from 'vitest'

const exitWithParent = new URL('../src/exit-with-parent.ts', import.meta.url).href

it('sends its own process SIGTERM once the parent’s channel closes', async () => {
  // Stands in for the relay: it keeps running as a server does, stops on SIGTERM saying so, and
  // tells us when it is up.
  const script = `
    const running = setInterval(() => {}, 60_000)
    process.once('SIGTERM', () => { console.log('stopped on SIGTERM'); clearInterval(running) })
    process.send('up')`
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--import', exitWithParent, '-e', script],
    {
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    }
  )
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.once('exit', (code, signal) => resolve([code, signal]))
  )
  try {
    await new Promise((resolve) => child.once('message', resolve))
    // What the channel does when the parent ends: it closes from the other side.
    child.disconnect()
    expect(await exited).toEqual([0, null])
    expect(output).toBe('stopped on SIGTERM\n')
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  }
})
