/**
 * @module ports
 * Ports on this machine: one free now, for servers whose URL another must know before they start,
 * and whether one is free again, for the checks that the demo's servers have stopped.
 */
import { createServer } from 'node:net'

/**
 * Where freePort looks first: below the ephemeral ranges (Linux 32768-60999, macOS and Windows
 * 49152-65535), which the system hands out for `listen(0)` and for outgoing connections' own ports.
 * A port picked there and bound seconds later (the relay starts after the builds) was taken in
 * between once, by another test's socket; below them, only a fixed port could take it.
 */
const BELOW_EPHEMERAL = { from: 20_000, to: 32_000 }

/** A port free right now, for servers whose URL another must know before they start. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port =
      BELOW_EPHEMERAL.from + Math.floor(Math.random() * (BELOW_EPHEMERAL.to - BELOW_EPHEMERAL.from))
    if (await listenable(port)) return port
  }
  // Crowded there: whatever the system gives.
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
