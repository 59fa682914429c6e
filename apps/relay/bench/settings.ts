/** What bench:relay does, in one place; the environment may shorten a run for profiling. */
import process from 'node:process'

export const settings = {
  latencyMs: 50,
  coldPairs: Number(process.env.BENCH_COLD_PAIRS ?? 150),
  concurrency: 50,
  warmRounds: Number(process.env.BENCH_WARM_ROUNDS ?? 3),
  warmRoundMs: Number(process.env.BENCH_WARM_ROUND_MS ?? 2_500),
  herd: 1_000,
  burstOpens: 2_000,
  burstSpreadMs: 10_000,
}

/** The ingested customer (beyond the 2,000 of step 4) whose small context is the second warm body. */
export const SMALL = { userId: 'bench-small', email: 'bench.small@example.com' }

export const progress = (text: string) => process.stderr.write(`bench:relay: ${text}\n`)
