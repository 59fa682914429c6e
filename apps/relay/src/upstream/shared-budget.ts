/**
 * @module upstream/shared-budget
 * What the guard needs from a budget shared by several relay instances (one per Intilery
 * credential, #15): reservations of the credential's next tokens, decided in one place for every
 * instance. The Redis implementation is platform/redis/redis-budget.ts; this side has no driver, so
 * the guard stays free of Node-only code and is tested with a scripted backend.
 */

/** The credential's bucket as every instance shares it. */
export interface SharedRate {
  readonly ratePerSecond: number
  readonly burst: number
}

export interface ReservationRequest {
  /** Whose budget: an opaque key for the credential (never the token itself). */
  readonly key: string
  readonly rate: SharedRate
  /** Granted only if the token would come within this long (0: only a token free now). */
  readonly maxWaitMs: number
  /** Tokens that must stay in the bucket after this one (write-back leaves them to readers). */
  readonly keepTokens: number
  /**
   * Tokens reserved together, all or none (one request's reads: admission-group.ts); default 1.
   * `maxWaitMs` and the answer's `waitMs` are about the last of them.
   */
  readonly tokens?: number
}

export interface Reservation {
  /** Whether the tokens were reserved; a refusal reserves nothing. */
  readonly granted: boolean
  /** How long until the (last) token comes (granted), or would have come (refused). */
  readonly waitMs: number
  /** Tokens left in the shared bucket after this answer (negative: that many are owed). */
  readonly tokensLeft: number
}

export type SharedBudgetMode = 'shared' | 'local'

export interface SharedBudgetBackend {
  /** Whether reservations can be made now (the server answers); otherwise each instance is on its own share. */
  readonly mode: () => SharedBudgetMode
  /**
   * One reservation, atomically for all instances.
   * @throws whatever the driver throws when the server does not answer: the caller then falls
   *   back to its own share, and `mode()` says `local` until the server is back.
   */
  reserve(request: ReservationRequest): Promise<Reservation>
}
