/** The benches' frame: what they start is stopped in reverse order when they end, fail or get Ctrl-C. */
import process from 'node:process'

export type Cleanups = (() => Promise<void> | void)[]

/** Runs `body`; every cleanup it pushes runs afterwards (a failing one is reported, not thrown). */
export async function withCleanups(
  progress: (text: string) => void,
  body: (cleanups: Cleanups) => Promise<void>
): Promise<void> {
  const cleanups: Cleanups = []
  const cleanup = async () => {
    for (const step of cleanups.splice(0).reverse()) {
      try {
        await step()
      } catch (error) {
        progress(`cleanup: ${String(error)}`)
      }
    }
  }
  const onSignal = () => {
    void cleanup().finally(() => process.exit(130))
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    await body(cleanups)
  } finally {
    await cleanup()
    process.removeListener('SIGINT', onSignal)
    process.removeListener('SIGTERM', onSignal)
  }
}
