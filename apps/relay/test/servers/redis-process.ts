/**
 * A redis-server of the test's own, for the suite that stops Redis mid-load and starts it again:
 * the shared server of `.ci/run` cannot be stopped under the other suites. On 127.0.0.1, at a port
 * chosen now, with no persistence and its folder removed at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'

/** The binary: RELAY_TEST_REDIS_SERVER (set by .ci/servers.sh), or redis-server on the PATH. */
const binary = () => process.env.RELAY_TEST_REDIS_SERVER ?? 'redis-server'

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port'))
      )
    })
  })
}

export interface OwnRedis {
  readonly url: string
  /** Stops the server at once (SIGKILL: as a crash, nothing flushed). */
  kill(): Promise<void>
  /** Starts it again on the same port. */
  restart(): Promise<void>
  stop(): Promise<void>
}

export interface OwnRedisOptions {
  /** A redis.conf to start from (deploy/redis's, for bench:scale); the port, bind and folder are this run's. */
  readonly configFile?: string
  /** More `--name value` settings, after the file's. */
  readonly extraArgs?: readonly string[]
  /** `user:password` for the URL when the file's ACL turns the default user off. */
  readonly credentials?: string
}

export async function startOwnRedis(options: OwnRedisOptions = {}): Promise<OwnRedis> {
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'relay-redis-'))
  let child: ChildProcess | undefined

  const start = () =>
    new Promise<void>((resolve, reject) => {
      const started = spawn(
        binary(),
        [
          ...(options.configFile === undefined ? [] : [options.configFile]),
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--dir',
          dir,
          '--save',
          '',
          '--appendonly',
          'no',
          ...(options.extraArgs ?? []),
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] }
      )
      let output = ''
      const onData = (chunk: Buffer) => {
        output += chunk.toString()
        if (output.includes('Ready to accept connections')) {
          started.stdout.off('data', onData)
          resolve()
        }
      }
      started.stdout.on('data', onData)
      started.once('error', (error) =>
        reject(
          new Error(`cannot start ${binary()} (install Debian's redis-server): ${error.message}`)
        )
      )
      started.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output}`)))
      child = started
    })

  const kill = () =>
    new Promise<void>((resolve) => {
      const running = child
      if (running === undefined || running.exitCode !== null) {
        resolve()
        return
      }
      running.removeAllListeners('exit')
      running.once('exit', () => resolve())
      running.kill('SIGKILL')
    })

  await start()
  return {
    url: `redis://${options.credentials === undefined ? '' : `${options.credentials}@`}127.0.0.1:${port}`,
    kill,
    restart: start,
    async stop() {
      await kill()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
