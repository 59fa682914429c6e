/**
 * @module server
 * Serves a sandbox over HTTP on 127.0.0.1 (port 0 picks a free one, as tests do) and stops it
 * cleanly: hanging responses are released and open connections closed, so no port is left behind.
 */
import type { AddressInfo } from 'node:net'

import { serve } from '@hono/node-server'

import { createSandbox, type CreateSandboxOptions, type Sandbox } from './sandbox.ts'

export interface RunningSandbox extends Sandbox {
  /** Base URL, e.g. `http://127.0.0.1:4010`. */
  readonly url: string
  /** `{url}/track/{clientId}/{accountId}/{brandId}/v1`. */
  readonly apiRoot: string
  stop(): Promise<void>
}

export async function startSandbox(options: CreateSandboxOptions = {}): Promise<RunningSandbox> {
  const sandbox = createSandbox(options)
  const { host, port, maxRequestBytes } = sandbox.config
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve(
      {
        fetch: sandbox.app.fetch,
        hostname: host,
        port,
        // Node refuses headers over 16 KB with a bare 431; raising the cap lets the sandbox answer
        // oversized requests with the spec's 413 and JSON body instead.
        serverOptions: { maxHeaderSize: maxRequestBytes + 64 * 1024 },
      },
      () => resolve(started)
    )
    started.once('error', reject)
  })
  const address = server.address() as AddressInfo
  const url = `http://${host}:${address.port}`
  const { clientId, accountId, brandId } = sandbox.config
  const apiRoot = `${url}/track/${encodeURIComponent(clientId)}/${encodeURIComponent(accountId)}/${encodeURIComponent(brandId)}/v1`
  return {
    ...sandbox,
    url,
    apiRoot,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        sandbox.hangs.releaseAll()
        server.close((error) => (error ? reject(error) : resolve()))
        if ('closeAllConnections' in server) server.closeAllConnections()
      }),
  }
}
