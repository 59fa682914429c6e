/**
 * @module export/export-bucket
 * The export's share of the credential's budget. Every request (retries included: the Profile
 * client takes a token per attempt) takes a token here, at most `share` of the relay's rate.
 *
 * With a shared budget (REDIS_URL, as the relays use it), each token is also reserved there the way
 * write-back reserves its own: only while the readers' reserve stays in the bucket, so agents'
 * sidebars on every relay instance keep priority and the export takes what they leave. Without
 * one, the relays cannot be asked: the export keeps to its share, and when Intilery answers 429
 * (the relays and the export together went over) it pauses every request for the Retry-After, so
 * the relays' reads get through first.
 */
import { abortableSleep, TokenBucket } from '@intilery-connect/core'

import { credentialKey, type UpstreamCredentials } from '../upstream/cache-key.ts'
import { spareReserveOf, type UpstreamSettings } from '../upstream/options.ts'
import type { SharedBudgetBackend, SharedRate } from '../upstream/shared-budget.ts'

/** The credential's budget as relays share it in Redis, and what the export leaves their readers. */
export interface SharedExportBudget {
  readonly backend: SharedBudgetBackend
  /** The credential's key, as the relays' guards name it (upstream/cache-key.ts). */
  readonly key: string
  readonly rate: SharedRate
  /** Tokens left to readers in the shared bucket (the relays' reserve while reading). */
  readonly keepTokens: number
}

/** The shared budget of `credentials` as the relays' guards use it with `settings`. */
export function sharedExportBudget(
  backend: SharedBudgetBackend,
  credentials: UpstreamCredentials,
  settings: UpstreamSettings
): SharedExportBudget {
  return {
    backend,
    key: credentialKey(credentials),
    rate: { ratePerSecond: settings.ratePerSecond, burst: settings.burst },
    keepTokens: spareReserveOf(settings).whileReading,
  }
}

export interface ExportBucketOptions {
  /** The export's share: `share` of the relay's rate, a burst of a tenth of a second's tokens. */
  readonly ratePerSecond: number
  readonly now?: () => number
  readonly shared?: SharedExportBudget | undefined
  /** How long to wait before asking the shared budget again after its server failed. */
  readonly retryMs?: number
}

export class ExportBucket extends TokenBucket {
  private pausedUntil = 0
  private readonly shared: ExportBucketOptions['shared']
  private readonly retryMs: number

  constructor(options: ExportBucketOptions) {
    super({
      ratePerSecond: options.ratePerSecond,
      burst: Math.max(1, Math.floor(options.ratePerSecond / 10)),
      ...(options.now === undefined ? {} : { now: options.now }),
    })
    this.shared = options.shared
    this.retryMs = options.retryMs ?? 1_000
  }

  /** No token for anyone until `ms` from now (Intilery said 429: the readers go first). */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms)
  }

  override async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const paused = this.pausedUntil - this.now()
      if (paused > 0) await abortableSleep(paused, signal)
      await super.take(signal)
      if (await this.reservedShared(signal)) return
    }
  }

  /**
   * The shared budget's token, leaving the readers' reserve; waits until one is spare. True once
   * reserved, or at once without a shared budget or while its server is down (then the local
   * share alone holds: the export never takes more than its share either way).
   */
  private async reservedShared(signal: AbortSignal | undefined): Promise<boolean> {
    const shared = this.shared
    if (shared === undefined) return true
    for (;;) {
      if (shared.backend.mode() !== 'shared') return true
      try {
        const answer = await shared.backend.reserve({
          key: shared.key,
          rate: shared.rate,
          maxWaitMs: 0,
          keepTokens: shared.keepTokens,
        })
        if (answer.granted) return true
        await abortableSleep(Math.max(answer.waitMs, 1000 / shared.rate.ratePerSecond), signal)
      } catch {
        // The backend has noted the failure; mode() says whether it is down.
        await abortableSleep(this.retryMs, signal)
      }
      // A pause that began meanwhile applies before this request's next try.
      if (this.pausedUntil > this.now()) return false
    }
  }
}
