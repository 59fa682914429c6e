/**
 * @intilery-connect/core: everything that knows the Intilery Profile API, runtime-agnostic.
 */
export * from './errors.ts'
export * from './profile-ref.ts'
export * from './event-key.ts'
export * from './visible-text.ts'
export * from './events-query.ts'
export * from './schemas/profile.ts'
export * from './schemas/event.ts'
export * from './schemas/error-body.ts'
export * from './schemas/describe-issue.ts'
export { profileClientOptionsSchema, type ProfileClientOptions } from './client/client-options.ts'
export {
  createProfileClient,
  type ProfileClient,
  type RequestOptions,
  type Lookup,
  type SingleLookup,
  type ListLookup,
  type ProfilePageResult,
} from './client/create-profile-client.ts'
export { EventsPage, type IterateOptions, type PageRequestOptions } from './client/events-page.ts'
export {
  TokenBucket,
  sharedTokenBucket,
  INTILERY_RATE_LIMIT,
  type RateLimitOptions,
  type TokenBucketOptions,
} from './client/token-bucket.ts'
export { DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from './client/retry-policy.ts'
export { parseRetryAfter } from './client/error-mapping.ts'
export { sleep as abortableSleep } from './client/abort.ts'
export type { ClientHooks, RequestInfo, ResponseInfo, RetryInfo } from './client/transport.ts'
export * from './customer/customer-profile.ts'
export * from './customer/customer-context.ts'
export {
  normalizeProfile,
  normalizeProfiles,
  type ProfileParts,
} from './customer/normalize-profile.ts'
export { audienceName } from './customer/audience-name.ts'
export { computedTraitsOf } from './customer/computed-traits.ts'
export * from './timeline/index.ts'
export * from './i18n/index.ts'
export * from './format/index.ts'
export * from './summary/index.ts'
export * from './relay-contract/index.ts'
export * from './presentation/index.ts'
export * from './writeback/support-sales-events.ts'
export * from './writeback/zendesk-trigger.ts'
