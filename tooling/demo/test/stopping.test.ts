// The demo leaves nothing running: Ctrl-C on the README's `pnpm start` stops every server and ends
// with exit 0 and no pnpm error, and a start that fails half-way stops what it had started.
import { spawn } from 'node:child_process'
import { createServer, type Server } from 'node:net'
import process from 'node:process'
import { fileURLToPath } from 'node:url'

import { expect, it } from 'vitest'

import { freePort, listenable } from '../src/ports.ts'
import { startDemo } from '../src/start-demo.ts'
import { failureText } from '../src/failure-text.ts'

const root = fileURLToPath(new URL('../../../', import.meta.url))

async function demoPorts() {
  return {
    sandbox: await freePort(),
    relay: await freePort(),
    zendesk: await freePort(),
    pipedrive: await freePort(),
    pipedriveHost: await freePort(),
    site: await freePort(),
  }
}

it('stops on Ctrl-C under `pnpm start` with exit 0, no error, and every port free', async () => {
  const ports = await demoPorts()
  // The pnpm running this test when there is one (`pnpm test`), else the one on PATH, as the root
  // start script itself needs.
  const execPath = process.env.npm_execpath
  const [command, ...args] =
    execPath !== undefined && /pnpm/.test(execPath)
      ? [process.execPath, execPath, 'start']
      : ['pnpm', 'start']
  // Its own process group, like a terminal's foreground job, so Ctrl-C reaches every process.
  const demo = spawn(command ?? 'pnpm', args, {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      SANDBOX_PORT: String(ports.sandbox),
      PORT: String(ports.relay),
      ZENDESK_PORT: String(ports.zendesk),
      PIPEDRIVE_PORT: String(ports.pipedrive),
      PIPEDRIVE_PREVIEW_PORT: String(ports.pipedriveHost),
      DEMO_SITE_PORT: String(ports.site),
    },
  })
  const closed = new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    demo.once('close', (code, signal) => resolve([code, signal]))
  )
  let stdout = ''
  let stderr = ''
  demo.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  try {
    const ready = await new Promise<boolean>((resolve) => {
      demo.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString()
        if (stdout.includes('Press Ctrl-C to stop.')) resolve(true)
      })
      void closed.then(() => resolve(false))
    })
    expect(ready, `the demo did not start:\n${stdout}\n${stderr}`).toBe(true)
    // What a terminal does on Ctrl-C: SIGINT to every process of the foreground group.
    process.kill(-(demo.pid ?? 0), 'SIGINT')
    expect(await closed).toEqual([0, null])
  } finally {
    if (demo.exitCode === null && demo.signalCode === null)
      process.kill(-(demo.pid ?? 0), 'SIGKILL')
  }
  expect(stderr).toBe('')
  expect(stdout).not.toMatch(/ELIFECYCLE|ERR_PNPM|Command failed/)
  expect(stdout).toMatch(/Stopping the demo…\nStopped.\n$/)
  for (const port of Object.values(ports)) expect(await listenable(port)).toBe(true)
}, 180_000)

it('stops the sandbox, Pipedrive, the relay and the preview when the Zendesk host cannot start', async () => {
  const ports = await demoPorts()
  // Something else already listens on the Zendesk port: the last server of the start fails.
  const taken: Server = createServer()
  await new Promise<void>((resolve) => taken.listen(ports.zendesk, '127.0.0.1', resolve))
  try {
    const error = await startDemo(ports).catch((e: unknown) => e)
    expect(failureText(error)).toMatch(/EADDRINUSE/)
    // What the operator reads: what usually took it, and the settings that move the demo.
    expect(failureText(error)).toContain('Is another demo running?')
    expect(failureText(error)).toContain('ZENDESK_PORT')
    expect(failureText(new Error('sandbox: seed failed'))).toBe('sandbox: seed failed')
    expect(
      failureText(new Error('relay: port 8787 on 127.0.0.1 is already in use (set PORT or HOST)'))
    ).toContain('Is another demo running?')
  } finally {
    await new Promise((resolve) => taken.close(resolve))
  }
  const { zendesk: _taken, ...started } = ports
  for (const port of Object.values(started)) expect(await listenable(port)).toBe(true)
}, 120_000)
