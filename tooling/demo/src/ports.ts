/**
 * @module ports
 * Ports on this machine: one free now, for servers whose URL another must know before they start,
 * and whether one is free again, for the checks that the demo's servers have stopped.
 */
import { createServer } from 'node:net'

/** A port free right now, for servers whose URL another must know before they start. */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise((resolve) => server.close(resolve))
  if (address === null || typeof address === 'string') throw new Error('no free port')
  return address.port
}

/** Whether a server of ours can listen on `port` now, that is, nothing else listens there. */
export async function listenable(port: number): Promise<boolean> {
  const server = createServer()
  const listening = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => resolve(true))
  })
  if (listening) await new Promise((resolve) => server.close(resolve))
  return listening
}
