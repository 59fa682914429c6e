/**
 * @module relay-process
 * The demo's relay as its own process (nothing imports an app), started on a given environment and
 * stopped with SIGTERM, its exit awaited. A relay whose parent ends without stopping it (a failed
 * test hook, an uncaught error) is sent SIGTERM as the parent exits, so none is left behind.
 */
import { spawn } from 'node:child_process'
import process from 'node:process'
import { fileURLToPath } from 'node:url'

const relayDir = fileURLToPath(new URL('../../../apps/relay/', import.meta.url))

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
  const relay = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: relayDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  })
  const exited = new Promise<void>((resolve) => {
    relay.once('exit', () => resolve())
    // A process that never started never exits.
    relay.once('error', () => relay.pid === undefined && resolve())
  })
  const killOnExit = () => relay.kill('SIGTERM')
  process.on('exit', killOnExit)
  void exited.then(() => process.off('exit', killOnExit))
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
    relay.stdout.on('data', onData)
    relay.stderr.on('data', onData)
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
  relay.stdout.removeAllListeners('data').resume()
  relay.stderr.removeAllListeners('data').resume()
  if (relay.pid === undefined) throw new Error('the relay has no process id')
  return { url, pid: relay.pid, stop }
}
