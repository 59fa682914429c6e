/**
 * @module admin/counters
 * Request counters per route, per token, per status and per second, so tests and benchmarks can
 * prove what reached "upstream" (for example: 1,000 concurrent opens caused at most 2 requests;
 * the peak rate stayed under 100/s; no 429 was served).
 */
import { createHash } from 'node:crypto'

export interface CounterSnapshot {
  total: number
  byRoute: Record<string, number>
  /** Keyed by a fingerprint of the token, never the token itself. */
  byToken: Record<string, number>
  byStatus: Record<string, number>
  /** The most requests that arrived within one calendar second. */
  peakPerSecond: number
  /**
   * By caller: the User-Agent's product name (`intilery-connect-export` of
   * `intilery-connect-export/1.0`), so a test can tell an export's share from the relay's reads.
   */
  byAgent: Record<string, number>
}

/** A short, stable, non-reversible label for a token. */
export function tokenFingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 12)
}

export class RequestCounters {
  private total = 0
  private readonly byRoute = new Map<string, number>()
  private readonly byToken = new Map<string, number>()
  private readonly byStatus = new Map<string, number>()
  private readonly perSecond = new Map<number, number>()
  private peak = 0
  private readonly byAgent = new Map<string, number>()

  constructor(private readonly now: () => number = Date.now) {}

  record(route: string, token: string | undefined, status: number, userAgent?: string): void {
    this.total += 1
    bump(this.byAgent, userAgent?.split('/')[0]?.trim() || 'none')
    bump(this.byRoute, route)
    bump(this.byToken, token === undefined ? 'none' : tokenFingerprint(token))
    bump(this.byStatus, String(status))
    const second = Math.floor(this.now() / 1000)
    const count = (this.perSecond.get(second) ?? 0) + 1
    this.perSecond.set(second, count)
    if (count > this.peak) this.peak = count
    // Only the current and previous seconds can still grow.
    for (const key of this.perSecond.keys()) if (key < second - 1) this.perSecond.delete(key)
  }

  snapshot(): CounterSnapshot {
    return {
      total: this.total,
      byRoute: Object.fromEntries(this.byRoute),
      byToken: Object.fromEntries(this.byToken),
      byStatus: Object.fromEntries(this.byStatus),
      peakPerSecond: this.peak,
      byAgent: Object.fromEntries(this.byAgent),
    }
  }

  reset(): void {
    this.total = 0
    this.peak = 0
    this.byRoute.clear()
    this.byToken.clear()
    this.byStatus.clear()
    this.perSecond.clear()
    this.byAgent.clear()
  }
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1)
}
