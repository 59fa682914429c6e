/**
 * @module writeback/outbox-sequence
 * The enqueue order of outbox rows: epoch microseconds, strictly increasing within the process.
 * Supplied by the relay rather than an autoincrement column, which SQLite and Postgres spell
 * differently (store/migrations.ts keeps to what both read the same). Between relay instances the
 * clock orders them, as closely as their clocks agree; the order that matters, each customer's,
 * comes from one webhook after another, which is the order they reach the relay.
 */
export function createSequence(now: () => number): () => number {
  let last = 0
  return () => {
    // Epoch ms * 1000 stays below 2^53 until the year 2255.
    last = Math.max(now() * 1_000, last + 1)
    return last
  }
}
