/**
 * @module relay-process
 * The demo's relay as its own process (nothing imports an app), started on a given environment and
 * stopped with SIGTERM, its exit awaited. A relay whose parent ends without stopping it (a failed
 * test hook, a killed test worker, a crash) stops itself (exit-with-parent.ts), so none is left.
 */
import { spawn } from 'node:child_process'
import process from 'node:process'
import { fileURLToPath } from 'node:url'

const relayDir = fileURLToPath(new URL('../../../apps/relay/', import.meta.url))
const exitWithParent = new URL('exit-with-parent.ts', import.meta.url).href

export interface RelayProcess {
  /** Where the relay listens, as it logged it. */
  readonly url: string
  /** The relay's process id, for checks that it stopped. */
  readonly pid: number
  /** Sends SIGTERM and resolves once the process has exited; at once if it already has. */
  stop(): Promise<void>
}

/** Starts `apps/relay/src/main.ts`; resolves once it logs its URL, rejects if it exits first. */
export async function startRelayProcess(
  env: Readonly<Record<string, string>>
): Promise<RelayProcess> {
  const relay = spawn(
    process.execPath,
    ['--import', 'tsx', '--import', exitWithParent, 'src/main.ts'],
    // The IPC channel is only there to close when this process ends.
    { cwd: relayDir, stdio: ['ignore', 'pipe', 'pipe', 'ipc'], env: { ...process.env, ...env } }
  )
  // The channel must not keep this process alive.
  relay.channel?.unref()
  const { stdout, stderr } = relay
  if (stdout === null || stderr === null) {
    relay.kill('SIGKILL')
    throw new Error('the relay was started without its output pipes')
  }
  const exited = new Promise<void>((resolve) => {
    relay.once('exit', () => resolve())
    // A process that never started never exits.
    relay.once('error', () => relay.pid === undefined && resolve())
  })
  const stop = async () => {
    if (relay.exitCode === null && relay.signalCode === null) relay.kill('SIGTERM')
    await exited
  }

  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const logged = /"url":"(http:\/\/[^"]+)"/.exec(output)?.[1]
      if (logged !== undefined) resolve(logged)
    }
    stdout.on('data', onData)
    stderr.on('data', onData)
    relay.once('error', reject)
    void exited.then(() =>
      reject(
        new Error(
          `the relay stopped (exit ${String(relay.exitCode ?? relay.signalCode)}):\n${output}`
        )
      )
    )
  }).catch(async (error: unknown) => {
    await stop()
    throw error
  })
  // Keep draining the relay's output so it never blocks on a full pipe.
  stdout.removeAllListeners('data').resume()
  stderr.removeAllListeners('data').resume()
  if (relay.pid === undefined) throw new Error('the relay has no process id')
  return { url, pid: relay.pid, stop }
}
