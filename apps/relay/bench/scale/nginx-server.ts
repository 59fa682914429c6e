/**
 * bench:scale's nginx: deploy/nginx/intilery-connect-relay.conf as an operator installs it, with
 * only what differs on this machine replaced (the instances' ports, the listen addresses and the
 * certificate), inside a minimal nginx.conf of its own (Debian's includes conf.d the same way).
 */
import { spawn } from 'node:child_process'
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { freePort, type Child } from '../processes.ts'

export interface SiteSettings {
  readonly instancePorts: readonly number[]
  readonly httpsPort: number
  readonly httpPort: number
  readonly certificate: string
  readonly key: string
}

/** Replaces exactly one match of `pattern`, or says the deploy file no longer has it. */
function replaceOnce(text: string, pattern: RegExp, by: string, what: string): string {
  const matches = text.match(new RegExp(pattern.source, 'gm'))
  if (matches?.length !== 1)
    throw new Error(`deploy/nginx: expected one ${what}, found ${matches?.length ?? 0}`)
  return text.replace(new RegExp(pattern.source, 'm'), by)
}

/** The deploy file with this machine's values; throws when its shape changed under the bench. */
export function renderSite(template: string, site: SiteSettings): string {
  const servers = /^(\s*)server 127\.0\.0\.1:\d+ (.*);$/gm
  const first = servers.exec(template)
  if (first === null) throw new Error('deploy/nginx: no upstream server lines')
  const [, indent, options] = first
  const lines = site.instancePorts
    .map((port) => `${indent}server 127.0.0.1:${port} ${options};`)
    .join('\n')
  let text = template.replace(/^\s*server 127\.0\.0\.1:\d+ .*;\n/gm, '')
  text = replaceOnce(text, /^(\s*)keepalive \d+;$/, `${lines}\n$&`, 'keepalive line')
  text = replaceOnce(
    text,
    /listen 443 ssl http2;/,
    `listen 127.0.0.1:${site.httpsPort} ssl http2;`,
    'https listen'
  )
  text = replaceOnce(text, /listen 80;/, `listen 127.0.0.1:${site.httpPort};`, 'http listen')
  text = replaceOnce(
    text,
    /ssl_certificate \s*\S+;/,
    `ssl_certificate ${site.certificate};`,
    'certificate'
  )
  text = replaceOnce(text, /ssl_certificate_key \S+;/, `ssl_certificate_key ${site.key};`, 'key')
  return text
}

/**
 * Writes, in folder `prefix`, the rendered site and a minimal nginx.conf that includes it inside
 * `http` as Debian's does (its own pid file, error log and temporary folders).
 * @returns the nginx.conf's path
 */
export function writeNginxConfig(prefix: string, template: string, site: SiteSettings): string {
  mkdirSync(join(prefix, 'temp'), { recursive: true })
  // nginx's workers run as nobody when it starts as root; they buffer large answers here.
  chmodSync(join(prefix, 'temp'), 0o777)
  writeFileSync(join(prefix, 'site.conf'), renderSite(template, site))
  const temp = (kind: string) => `  ${kind}_temp_path ${join(prefix, 'temp', kind)};`
  const config = join(prefix, 'nginx.conf')
  writeFileSync(
    config,
    [
      'worker_processes auto;',
      `pid ${join(prefix, 'nginx.pid')};`,
      `error_log ${join(prefix, 'error.log')} warn;`,
      'events { worker_connections 4096; }',
      'http {',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp),
      `  include ${join(prefix, 'site.conf')};`,
      '}',
      '',
    ].join('\n')
  )
  return config
}

export interface BenchNginx {
  readonly url: string
  readonly child: Child
  stop(): Promise<void>
}

/**
 * Starts nginx in the foreground with `site` in folder `dir`. `name` tells two of them apart (the
 * bench runs one over three instances and one over a single instance, side by side).
 */
export async function startNginx(
  dir: string,
  name: string,
  template: string,
  site: Omit<SiteSettings, 'httpsPort' | 'httpPort'>
): Promise<BenchNginx> {
  const prefix = join(dir, `nginx-${name}`)
  const httpsPort = await freePort()
  const httpPort = await freePort()
  const config = writeNginxConfig(prefix, template, { ...site, httpsPort, httpPort })
  const server = spawn('nginx', ['-p', prefix, '-c', config, '-g', 'daemon off;'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  server.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_096)))
  server.stdout.resume()
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()))
  const failed = new Promise<never>((_, reject) => {
    server.once('error', (error) =>
      reject(new Error(`cannot start nginx (apt-get install -y nginx): ${error.message}`))
    )
  })
  if (server.pid === undefined) await failed
  const child: Child = {
    name: `nginx ${name}`,
    process: server,
    pid: server.pid ?? 0,
    output: () => output + readErrorLog(prefix),
    async stop() {
      if (server.exitCode === null && server.signalCode === null) {
        server.kill('SIGQUIT') // graceful
        await exited
      }
    },
  }
  const url = `https://127.0.0.1:${httpsPort}`
  return { url, child, stop: () => child.stop() }
}

function readErrorLog(prefix: string): string {
  try {
    return readFileSync(join(prefix, 'error.log'), 'utf8').slice(-4_096)
  } catch {
    return ''
  }
}
