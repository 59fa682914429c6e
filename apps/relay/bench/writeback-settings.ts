/** What bench:writeback does, in one place; the environment may shorten (or lengthen) a run. */
import process from 'node:process'

const knob = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback)
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number >= 0`)
  return value
}

export const writebackSettings = {
  /** Added by the sandbox to every Intilery call, reads and tracking batches alike. */
  latencyMs: 50,
  /** 1. Webhooks per second, and for how long. */
  ackRate: knob('BENCH_WB_ACK_RATE', 200),
  ackMs: knob('BENCH_WB_ACK_MS', 10_000),
  /** Every n-th webhook repeats an earlier one (alternately the same invocation and a new one). */
  duplicateEvery: knob('BENCH_WB_DUPLICATE_EVERY', 20),
  /** 2. Distinct webhooks stored while no worker runs, then delivered by one that starts. */
  backlog: knob('BENCH_WB_BACKLOG', 20_000),
  /** Webhooks in flight while the backlog (and step 3's bursts) are sent. */
  fillConcurrency: knob('BENCH_WB_FILL_CONCURRENCY', 16),
  /** 3. Rounds per side (with and without a burst), alternating. */
  readRounds: knob('BENCH_WB_READ_ROUNDS', 3),
  /** Agents opening sidebars at once, one customer after another, in every round. */
  readers: knob('BENCH_WB_READERS', 2),
  /** Webhooks in each burst; a round with a burst lasts until the burst is delivered. */
  burst: knob('BENCH_WB_BURST', 6_000),
  /**
   * A round without a burst lasts this long: about as long as a burst's delivery, so that the two
   * p95s compared rest on similar numbers of reads (3 s gave ~100 reads a round, and the quiet
   * p95 alone moved 64-75 ms from run to run).
   */
  quietRoundMs: knob('BENCH_WB_QUIET_ROUND_MS', 10_000),
  /** Customers made for step 3's reads (each read opens one nobody opened before). */
  readCustomers: knob('BENCH_WB_READ_CUSTOMERS', 5_000),
  /** Requesters the webhooks are about (several events each, as a real helpdesk has). */
  requesters: 500,
  /** The longest wait for Intilery to have every event before the bench says it has not. */
  deliveryTimeoutMs: 60_000,
}

export const progress = (text: string) => process.stderr.write(`bench:writeback: ${text}\n`)
