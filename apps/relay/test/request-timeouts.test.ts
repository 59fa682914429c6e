// A client that opens a request and never finishes it cannot hold a connection: the relay's Node
// server answers 408 and closes it once RELAY_REQUEST_TIMEOUT_MS has passed. The timeout here is
// tiny, so the tests only wait for the server to close the socket (vitest's test timeout is the
// backstop if it never does).
import { mkdtempSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, expect, it } from 'vitest'

import { startRelay, type RunningRelay } from '../src/server.ts'
import { relayConfigFromEnv } from '../src/wiring/relay-config.ts'

let relay: RunningRelay
beforeAll(async () => {
  const env = {
    PORT: '0',
    LOG_LEVEL: 'silent',
    RELAY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    RELAY_AUDIT_KEY: 'timeout-test-audit-key-0123456789abcdef',
    DATABASE_URL: `file:${join(mkdtempSync(join(tmpdir(), 'relay-timeouts-')), 'relay.db')}`,
    RELAY_REQUEST_TIMEOUT_MS: '200',
  }
  relay = await startRelay({ config: relayConfigFromEnv(env), env })
})
afterAll(() => relay.stop())

/** Sends `text` on a raw connection and resolves with everything received once the server closes. */
function sendAndWaitForClose(text: string): Promise<string> {
  const { hostname, port } = new URL(relay.url)
  return new Promise((resolve, reject) => {
    let received = ''
    const socket = connect({ host: hostname, port: Number(port) }, () => socket.write(text))
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => (received += chunk))
    socket.on('error', reject)
    socket.on('close', () => resolve(received))
  })
}

it('answers 408 and closes a request whose body never arrives in full', async () => {
  // Chunked, so the body limit reads the body (to count it) before any route answers.
  const answer = await sendAndWaitForClose(
    'POST /zendesk/v1/context HTTP/1.1\r\nHost: relay\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"par\r\n'
  )
  expect(answer).toMatch(/^HTTP\/1\.1 408 /)
  expect(answer).toMatch(/\r\nconnection: close\r\n/i)
})

it('answers 408 and closes a request whose headers never end', async () => {
  const answer = await sendAndWaitForClose('GET /healthz HTTP/1.1\r\nHost: relay\r\nX-Slow: ')
  expect(answer).toMatch(/^HTTP\/1\.1 408 /)
})

it('still serves a complete request on the same server', async () => {
  const answer = await sendAndWaitForClose(
    'GET /healthz HTTP/1.1\r\nHost: relay\r\nConnection: close\r\n\r\n'
  )
  expect(answer).toMatch(/^HTTP\/1\.1 200 /)
})
