/**
 * @module upstream/breaker
 * One circuit breaker per upstream credential, from cockatiel: after `failures` consecutive
 * failures that say "Intilery is down" (5xx, timeouts, network errors) it opens, and reads fail fast
 * (the guard then serves stale data or a 503 with Retry-After) instead of queueing behind a dead
 * upstream. After `halfOpenAfterMs` one probe goes through; its outcome closes or re-opens it.
 *
 * 404, 400, 401 and 429 are answers, not outages: they neither count nor reset the count.
 */
import { NetworkError, TimeoutError, UpstreamError } from '@intilery-connect/core'
import {
  BrokenCircuitError,
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  handleWhen,
} from 'cockatiel'

export type BreakerState = 'closed' | 'open' | 'half-open' | 'isolated'

export interface BreakerSettings {
  readonly failures: number
  readonly halfOpenAfterMs: number
}

/** Whether an error says the upstream itself is failing. A malformed 200 is not counted: the
 * service answered, and the error is already mapped to "unavailable" for the caller. */
export function isOutage(error: unknown): boolean {
  if (error instanceof TimeoutError || error instanceof NetworkError) return true
  return (
    error instanceof UpstreamError &&
    error.code === 'internal_server_error' &&
    (error.status ?? 0) >= 500
  )
}

/** Thrown instead of calling upstream while the circuit is open or its probe is running. */
export class CircuitOpenError extends BrokenCircuitError {
  override readonly name = 'CircuitOpenError'
  constructor(
    /** Seconds until a probe will be let through. */
    readonly retryAfter: number
  ) {
    super('Intilery is failing; the circuit is open')
  }
}

const STATES: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
}

export interface Breaker {
  /** Runs `task` through the breaker; rejects with CircuitOpenError while it is open. */
  run<T>(task: (signal: AbortSignal) => Promise<T>, signal: AbortSignal): Promise<T>
  readonly state: BreakerState
  /** Seconds until the circuit will let a probe through (at least 1 while not closed). */
  retryAfterSeconds(): number
}

export function createBreaker(settings: BreakerSettings): Breaker {
  const policy = circuitBreaker(handleWhen(isOutage), {
    halfOpenAfter: settings.halfOpenAfterMs,
    breaker: new ConsecutiveBreaker(settings.failures),
  })
  // cockatiel measures the open period with Date.now(), so this does too.
  let openedAt = 0
  policy.onBreak(() => {
    openedAt = Date.now()
  })

  const retryAfterSeconds = () => {
    if (policy.state === CircuitState.Closed) return 0
    const remaining = openedAt + settings.halfOpenAfterMs - Date.now()
    return Math.max(1, Math.ceil(remaining / 1000))
  }

  return {
    async run(task, signal) {
      // cockatiel queues every call made during the half-open probe behind it, which could hold a
      // read for a whole deadline; while the probe runs the others fail fast like when open.
      if (policy.state === CircuitState.HalfOpen) throw new CircuitOpenError(retryAfterSeconds())
      try {
        return await policy.execute(({ signal: inner }) => task(inner), signal)
      } catch (error) {
        if (error instanceof BrokenCircuitError && !(error instanceof CircuitOpenError)) {
          throw new CircuitOpenError(retryAfterSeconds())
        }
        throw error
      }
    },
    get state() {
      return STATES[policy.state]
    },
    retryAfterSeconds,
  }
}
