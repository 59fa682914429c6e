// deploy/ is what operators copy (README "Running in production") and what bench:scale runs: its
// files must keep agreeing with the relay they start and front.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import { describe, expect, it } from 'vitest'

import { renderSite } from '../bench/scale/nginx-server.ts'
import { relayConfigSchema } from '../src/platform/config/relay-config.ts'
import { relayConfigFromEnv } from '../src/wiring/relay-config.ts'
import viteConfig from '../vite.config.ts'

const deploy = (path: string) =>
  readFileSync(fileURLToPath(new URL(`../../../deploy/${path}`, import.meta.url)), 'utf8')
const defaults = relayConfigSchema.parse({
  encryptionKey: 'k'.repeat(44),
  auditKey: 'a'.repeat(32),
})

/** `NAME=value` lines, commented out or not, as an environment. */
function envLines(text: string): Record<string, string> {
  const env: Record<string, string> = {}
  for (const match of text.matchAll(/^#? ?([A-Z][A-Z0-9_]*)=(.*)$/gm))
    env[match[1] ?? ''] = match[2] ?? ''
  return env
}

describe('deploy/relay.env.example', () => {
  it('is read by the relay as written, for one instance and for several', () => {
    const example = envLines(deploy('relay.env.example'))
    const filled = {
      ...example,
      RELAY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      RELAY_AUDIT_KEY: 'b'.repeat(32),
      RELAY_METRICS_TOKEN: 'm'.repeat(32),
    }
    const several = relayConfigFromEnv(filled)
    expect(several.databaseUrl).toMatch(/^postgres:\/\//)
    expect(several.redisUrl).toMatch(/^redis:\/\/intilery-connect:/)
    expect(several.relayInstances).toBe(3)
    expect(several.tenantsFile).toBe('/etc/intilery-connect/tenants.yaml')
    expect(several.publicUrl).toBe('https://relay.acme.example')
    // The uncommented lines alone: one instance on its SQLite file.
    const one = relayConfigFromEnv({
      ...envLines(deploy('relay.env.example').replace(/^# ?[A-Z].*$/gm, '')),
      RELAY_ENCRYPTION_KEY: filled.RELAY_ENCRYPTION_KEY,
      RELAY_AUDIT_KEY: filled.RELAY_AUDIT_KEY,
    })
    expect(one.databaseUrl).toBe('file:/var/lib/intilery-connect/relay.db')
    expect(one.redisUrl).toBeUndefined()
    // PORT belongs to the systemd instance name, never the file (it would override it).
    expect(example.PORT).toBeUndefined()
  })
})

describe('deploy/systemd', () => {
  const unit = deploy('systemd/intilery-connect-relay@.service')
  const setting = (name: string) => new RegExp(`^${name}=(.*)$`, 'm').exec(unit)?.[1]

  it('starts the built relay as its own user, on the instance’s port, writing only its database folder', () => {
    expect(setting('WorkingDirectory')).toBe('/opt/intilery-connect/apps/relay')
    const entries = viteConfig.build?.rollupOptions?.input as Record<string, string>
    expect(entries.main).toBe('src/main.ts')
    expect(setting('ExecStart')).toBe(
      `/usr/bin/node --enable-source-maps ${viteConfig.build?.outDir ?? '?'}/main.js`
    )
    expect(setting('User')).toBe('intilery-connect')
    expect(setting('Environment')).toBe('PORT=%i')
    expect(setting('EnvironmentFile')).toBe('/etc/intilery-connect/relay.env')
    expect(setting('ReadWritePaths')).toBe('/var/lib/intilery-connect')
    expect(setting('ProtectSystem')).toBe('strict')
    expect(unit).toMatch(
      /^Environment="NODE_OPTIONS=--max-old-space-size=\d+ --max-semi-space-size=\d+"$/m
    )
  })
})

describe('deploy/nginx', () => {
  const site = deploy('nginx/intilery-connect-relay.conf')
  const seconds = (name: string) => Number(new RegExp(`^\\s*${name} (\\d+)s;`, 'm').exec(site)?.[1])

  it('waits longer than the relay’s deadline, and drops kept connections before the relay does', () => {
    expect(seconds('proxy_read_timeout') * 1000).toBeGreaterThan(defaults.requestDeadlineMs)
    expect(seconds('keepalive_timeout') * 1000).toBeLessThan(defaults.keepAliveTimeoutMs)
  })

  it('keeps no access log (request lines carry emails) and retries only what nginx may repeat', () => {
    expect(site).toMatch(/^\s*access_log off;$/m)
    expect(site).toMatch(/^\s*proxy_next_upstream error timeout;$/m)
    expect(site).not.toContain('non_idempotent')
  })

  it('renders for bench:scale with this machine’s ports and certificate, one server line per instance', () => {
    const rendered = renderSite(site, {
      instancePorts: [41001, 41002],
      httpsPort: 41443,
      httpPort: 41080,
      certificate: '/tmp/run/cert.pem',
      key: '/tmp/run/key.pem',
    })
    expect(rendered.match(/server 127\.0\.0\.1:\d+ /g)).toEqual([
      'server 127.0.0.1:41001 ',
      'server 127.0.0.1:41002 ',
    ])
    expect(rendered).toContain('listen 127.0.0.1:41443 ssl http2;')
    expect(rendered).toContain('ssl_certificate /tmp/run/cert.pem;')
    expect(rendered).not.toContain('letsencrypt')
  })
})
