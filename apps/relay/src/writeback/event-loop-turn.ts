/**
 * @module writeback/event-loop-turn
 * The delivery worker runs on the relay's event loop, beside every sidebar read, and much of its
 * work is synchronous (SQLite statements, building a batch's JSON). It breaks that work into
 * pieces with a turn of the event loop between them, so that requests that arrived meanwhile are
 * served after one piece rather than after all of them.
 */

/** Resolves after the event loop's next I/O phase (setImmediate, not a microtask). */
export const turnOfTheEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve))
