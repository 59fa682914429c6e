/** What bench:scale does beyond bench:relay's herd and burst (settings.ts), in one place. */
import process from 'node:process'

export const scaleSettings = {
  instances: 3,
  concurrency: 50,
  warmRounds: Number(process.env.BENCH_WARM_ROUNDS ?? 3),
  warmRoundMs: Number(process.env.BENCH_WARM_ROUND_MS ?? 2_500),
  /** Redis stopped for `outageMs` from `outageFromMs` into a step of `outageStepMs`. */
  outageOpensPerSecond: 30,
  outageStepMs: 20_000,
  outageFromMs: 5_000,
  outageMs: 10_000,
  killStepMs: 6_000,
  killAtMs: 2_000,
  /** Customers opened over and over while an instance dies (primed beforehand). */
  killCustomers: 40,
}

export const progress = (text: string) => process.stderr.write(`bench:scale: ${text}\n`)
