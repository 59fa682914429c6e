/**
 * bench:scale's Postgres: Debian's server in a folder of its own, on 127.0.0.1 at a port chosen
 * now, with deploy/postgres's settings and set-up script, password authentication over TCP as in
 * production. Postgres refuses to run as root, so as root its commands run as the `postgres` user
 * Debian's package creates.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs'
import { appendFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import process from 'node:process'

import { freePort } from '../processes.ts'

export interface BenchPostgres {
  /** postgres://intilery_connect:…@127.0.0.1:<port>/intilery_connect */
  readonly url: string
  readonly version: string
  stop(): void
}

function binDir(): string {
  const root = '/usr/lib/postgresql'
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : []
  const found = versions
    .map((v) => join(root, v, 'bin'))
    .find((bin) => existsSync(join(bin, 'initdb')))
  if (found === undefined)
    throw new Error("Postgres is not installed: apt-get install -y postgresql (Debian's package)")
  return found
}

export async function startPostgres(dir: string, deployDir: string): Promise<BenchPostgres> {
  const bin = binDir()
  const asRoot = process.getuid?.() === 0
  const postgresUid = asRoot ? Number(execFileSync('id', ['-u', 'postgres']).toString()) : -1
  // From /, which the postgres user can enter; the bench's folders are made theirs.
  const run = (command: string, args: readonly string[]) => {
    const [file, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, command), ...args]]
      : [join(bin, command), [...args]]
    const result = spawnSync(file, argv, { cwd: '/', encoding: 'utf8' })
    if (result.status !== 0)
      throw new Error(
        `${command} failed: ${result.stderr || result.stdout || String(result.error)}`
      )
    return result.stdout
  }
  const data = join(dir, 'pg')
  const socket = join(dir, 'pg-socket')
  for (const folder of [data, socket]) {
    mkdirSync(folder, { recursive: true })
    chmodSync(folder, 0o700)
    if (asRoot) chownSync(folder, postgresUid, -1)
  }
  run('initdb', [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
    '-E',
    'UTF8',
  ])
  // The settings an operator puts in conf.d, included as Debian's postgresql.conf does.
  const settings = join(data, 'intilery-connect.conf')
  copyFileSync(join(deployDir, 'postgres', 'intilery-connect.conf'), settings)
  if (asRoot) chownSync(settings, postgresUid, -1)
  appendFileSync(join(data, 'postgresql.conf'), `\ninclude 'intilery-connect.conf'\n`)
  const port = await freePort()
  run('pg_ctl', [
    '-D',
    data,
    '-l',
    join(socket, 'log'),
    '-w',
    'start',
    '-o',
    `-p ${port} -k ${socket} -c listen_addresses=127.0.0.1`,
  ])
  const setup = join(socket, 'setup.sql')
  copyFileSync(join(deployDir, 'postgres', 'setup.sql'), setup)
  if (asRoot) chownSync(setup, postgresUid, -1)
  const password = execFileSync('openssl', ['rand', '-hex', '24']).toString().trim()
  run('psql', [
    '-h',
    socket,
    '-p',
    String(port),
    '-U',
    'postgres',
    '-d',
    'postgres',
    '-v',
    'ON_ERROR_STOP=1',
    '-v',
    `password='${password}'`,
    '-q',
    '-f',
    setup,
  ])
  // "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"
  const version = /\(PostgreSQL\) (\S+)/.exec(run('postgres', ['--version']))?.[1] ?? '?'
  return {
    url: `postgres://intilery_connect:${password}@127.0.0.1:${port}/intilery_connect`,
    version,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'])
      } finally {
        rmSync(data, { recursive: true, force: true })
      }
    },
  }
}
