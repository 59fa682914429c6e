/**
 * The bench's load generator: one GET or POST that never rejects, and a closed loop of them.
 */
import http from 'node:http'
import https from 'node:https'
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'

export { sleep }

/**
 * The load generator's HTTP client: node:http with keep-alive. Not fetch: on this machine Node 20's
 * fetch (undici) tops out near 3,500 requests/s of one core even for 2 KB answers, so it could not
 * tell a 3,000 req/s relay from a faster one; node:http drives the same servers 2-3 times harder.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 5_000 })
/** For https URLs (bench:scale's nginx); trusts only the certificates given to `trustCertificate`. */
let tlsAgent = new https.Agent({ keepAlive: true, maxSockets: 5_000, ca: [] })

/** Trusts `pem` (a self-signed certificate made for this run) for https URLs from now on. */
export function trustCertificate(pem: string): void {
  tlsAgent.destroy()
  tlsAgent = new https.Agent({ keepAlive: true, maxSockets: 5_000, ca: [pem] })
}

const clientFor = (url: string) =>
  url.startsWith('https:') ? { lib: https, agent: tlsAgent } : { lib: http, agent }

export interface Answer {
  /** 0 for a network error or timeout. */
  readonly status: number
  readonly ms: number
  /** The body as text, or the error; empty when `keepBody` is false. */
  readonly body: string
}

/** One GET, the body read in full; never rejects. */
export function get(
  url: string,
  headers: Record<string, string> = {},
  { timeoutMs = 20_000, keepBody = true } = {}
): Promise<Answer> {
  const started = performance.now()
  return new Promise((resolve) => {
    const fail = (error: unknown) =>
      resolve({ status: 0, ms: performance.now() - started, body: String(error) })
    const client = clientFor(url)
    const request = client.lib.get(url, { agent: client.agent, headers }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => {
        if (keepBody) chunks.push(chunk)
      })
      response.once('error', fail)
      response.once('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          ms: performance.now() - started,
          body: keepBody ? Buffer.concat(chunks).toString('utf8') : '',
        })
      )
    })
    request.once('error', fail)
    request.setTimeout(timeoutMs, () => request.destroy(new Error(`no answer in ${timeoutMs} ms`)))
  })
}

/** One POST of `body` (bytes as given) on the keep-alive client, the answer read in full; never rejects. */
export function post(
  url: string,
  headers: Record<string, string>,
  body: string,
  { timeoutMs = 20_000 } = {}
): Promise<Answer> {
  const started = performance.now()
  return new Promise((resolve) => {
    const fail = (error: unknown) =>
      resolve({ status: 0, ms: performance.now() - started, body: String(error) })
    const client = clientFor(url)
    const request = client.lib.request(
      url,
      {
        method: 'POST',
        agent: client.agent,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.once('error', fail)
        response.once('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            ms: performance.now() - started,
            body: Buffer.concat(chunks).toString('utf8'),
          })
        )
      }
    )
    request.once('error', fail)
    request.setTimeout(timeoutMs, () => request.destroy(new Error(`no answer in ${timeoutMs} ms`)))
    request.end(body)
  })
}

/** POST of a JSON body (the sandbox's ingest). */
export async function postJson(
  url: string,
  headers: Record<string, string>,
  body: unknown
): Promise<Answer> {
  const started = performance.now()
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(20_000),
  })
  return { status: response.status, ms: performance.now() - started, body: await response.text() }
}

/** Closes the client's idle keep-alive sockets (servers stop faster). */
export function closeClient(): void {
  agent.destroy()
  tlsAgent.destroy()
}

export interface LoadResult {
  readonly ok: number
  readonly failed: number
  readonly elapsedMs: number
  readonly latencies: number[]
  readonly perSecond: number
}

/**
 * A closed loop: `concurrency` workers each send one request after another until `durationMs`
 * has passed or `maxRequests` were sent in all. `send` never rejects.
 */
export async function closedLoop(
  send: () => Promise<Answer>,
  {
    concurrency,
    durationMs,
    maxRequests,
  }: { concurrency: number; durationMs: number; maxRequests: number }
): Promise<LoadResult> {
  const latencies: number[] = []
  let issued = 0
  let ok = 0
  let failed = 0
  const start = performance.now()
  const end = start + durationMs
  const worker = async () => {
    while (issued < maxRequests && performance.now() < end) {
      issued += 1
      const { status, ms } = await send()
      latencies.push(ms)
      if (status === 200) ok += 1
      else failed += 1
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  const elapsedMs = performance.now() - start
  return { ok, failed, elapsedMs, latencies, perSecond: (ok / elapsedMs) * 1000 }
}
