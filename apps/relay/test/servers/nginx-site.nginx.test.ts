// deploy/nginx's site file, as bench:scale renders it, accepted by Debian's nginx (`nginx -t`):
// the unit test (test/deploy-files.test.ts) checks its values, this its syntax and directives.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { expect, it } from 'vitest'

import { writeNginxConfig } from '../../bench/scale/nginx-server.ts'
import { serverUrl } from './server-urls.ts'

const deploy = fileURLToPath(new URL('../../../../deploy/', import.meta.url))

it('is a configuration nginx accepts, with TLS from a certificate made by deploy’s script', () => {
  const nginx = serverUrl('RELAY_TEST_NGINX')
  const dir = mkdtempSync(join(tmpdir(), 'relay-nginx-'))
  try {
    execFileSync(join(deploy, 'make-test-certificate.sh'), [join(dir, 'tls'), 'localhost'])
    const config = writeNginxConfig(
      join(dir, 'nginx'),
      readFileSync(join(deploy, 'nginx/intilery-connect-relay.conf'), 'utf8'),
      {
        instancePorts: [18787, 18788, 18789],
        httpsPort: 18443,
        httpPort: 18080,
        certificate: join(dir, 'tls/cert.pem'),
        key: join(dir, 'tls/key.pem'),
      }
    )
    const check = spawnSync(nginx, ['-t', '-p', join(dir, 'nginx'), '-c', config], {
      encoding: 'utf8',
    })
    expect(check.stderr).toContain('syntax is ok')
    expect(check.stderr).toContain('test is successful')
    expect(check.stderr).not.toContain('[warn]')
    expect(check.status).toBe(0)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
