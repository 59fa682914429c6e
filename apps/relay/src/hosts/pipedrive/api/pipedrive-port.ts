/**
 * @module hosts/pipedrive/api/pipedrive-port
 * What the relay needs from Pipedrive, as a port: OAuth (code exchange, refresh) and the few CRM
 * reads and writes the panels use. server.ts wires the `pipedrive` npm client in
 * (pipedrive-client.ts); the app stays runtime-agnostic. Answers are zod-checked there, at the
 * trust boundary, into the shapes below.
 */
import { z } from 'zod'

import { RelayError, type RelayErrorCode } from '../../../platform/errors.ts'

export const pipedrivePersonSchema = z.object({
  id: z.number(),
  name: z.string().nullish(),
  emails: z
    .array(z.object({ value: z.string(), primary: z.boolean().nullish() }))
    .nullish()
    .transform((emails) => emails ?? []),
  org_id: z.number().nullish(),
})
export type PipedrivePerson = z.infer<typeof pipedrivePersonSchema>

export const pipedriveDealSchema = z.object({
  id: z.number(),
  title: z.string().nullish(),
  person_id: z.number().nullish(),
  org_id: z.number().nullish(),
})
export type PipedriveDeal = z.infer<typeof pipedriveDealSchema>

export const tokenAnswerSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().positive(),
  // Where every later call of this installation goes, with its token: checked against the
  // trusted origins (trusted-api-domains.ts), so a bad one is a clean refusal, not a parse error.
  api_domain: z.string().min(1).max(2048),
})
export type TokenAnswer = z.infer<typeof tokenAnswerSchema>

/**
 * How long a call may take: until `signal` aborts (the request's deadline, shared by every call the
 * request makes) or its own timeout passes, whichever is first; then it fails with
 * PipedriveCallError('unavailable').
 */
export interface CallOptions {
  readonly signal?: AbortSignal | undefined
}

export interface PipedriveOAuth {
  /** @throws PipedriveCallError('revoked') when the code is refused. */
  exchangeCode(code: string, options?: CallOptions): Promise<TokenAnswer>
  /**
   * Bounded by its own timeout only: a refresh is shared by every request waiting for the
   * installation's token (token-keeper.ts), so no one request's deadline may end it for the others.
   * @throws PipedriveCallError('revoked') when the refresh token is dead (uninstalled, idle 60 days).
   */
  refresh(refreshToken: string): Promise<TokenAnswer>
}

/** Who installed: `users/me`, the ids as text. */
export interface PipedriveMe {
  readonly id: string
  readonly companyId: string
  readonly isAdmin: boolean
  readonly companyName: string
  readonly companyDomain: string
}

export interface NewNote {
  readonly content: string
  readonly personId?: number | undefined
  readonly dealId?: number | undefined
  readonly orgId?: number | undefined
}

/** One of the app's webhooks, as `GET/POST /v1/webhooks` answer. */
export const pipedriveWebhookSchema = z
  .object({
    id: z.number(),
    subscription_url: z.string(),
    event_action: z.string(),
    event_object: z.string(),
    version: z.string().nullish(),
  })
  .loose()
export type PipedriveWebhook = z.infer<typeof pipedriveWebhookSchema>

export interface NewPipedriveWebhook {
  readonly subscriptionUrl: string
  readonly eventAction: 'create' | 'change'
  readonly eventObject: 'deal' | 'person'
  readonly name: string
  readonly httpAuthUser: string
  readonly httpAuthPassword: string
}

/** The company's stage and pipeline names, by id (the sales events carry names, not ids). */
export interface StageDirectory {
  readonly stages: ReadonlyMap<number, { readonly name: string; readonly pipelineId: number }>
  readonly pipelines: ReadonlyMap<number, string>
}

/** The app's own webhooks of the installing user (Pipedrive lists only those to the app). */
export interface PipedriveWebhooksApi {
  list(): Promise<PipedriveWebhook[]>
  add(webhook: NewPipedriveWebhook): Promise<PipedriveWebhook>
  /** A webhook already gone counts as removed. */
  remove(id: number): Promise<void>
}

/** One installation's view of its company's CRM. */
export interface PipedriveCrm {
  me(): Promise<PipedriveMe>
  /** undefined when Pipedrive answers 404. */
  person(id: number): Promise<PipedrivePerson | undefined>
  deal(id: number): Promise<PipedriveDeal | undefined>
  personsOfOrganization(
    id: number,
    limit: number
  ): Promise<{ readonly persons: PipedrivePerson[]; readonly more: boolean }>
  addNote(note: NewNote): Promise<{ readonly id: number }>
  readonly webhooks: PipedriveWebhooksApi
  /** Every stage and pipeline of the company (one page each: 500 is Pipedrive's largest). */
  stageDirectory(): Promise<StageDirectory>
}

export interface PipedriveApi {
  readonly oauth: PipedriveOAuth
  /** Every call of the CRM obeys `options` (one request's deadline), each with its own timeout. */
  crm(apiDomain: string, accessToken: () => Promise<string>, options?: CallOptions): PipedriveCrm
}

/**
 * `missing_scope`: the app's OAuth scopes do not cover the call (Pipedrive's 403 "Scope and URL
 * mismatch"), which only changing the app's scopes and reinstalling fixes. `forbidden`: Pipedrive
 * refused this user the record (its visibility, the user's permissions); reads take it as "not
 * there" for that user.
 */
export type PipedriveFailure =
  | 'revoked'
  | 'unauthorized'
  | 'missing_scope'
  | 'forbidden'
  | 'untrusted_api_domain'
  | 'rate_limited'
  | 'unavailable'

const RELAY_CODE: Record<PipedriveFailure, RelayErrorCode> = {
  revoked: 'unauthenticated',
  unauthorized: 'unauthenticated',
  missing_scope: 'misconfigured',
  forbidden: 'forbidden',
  // The installation cannot be used as Pipedrive answered: the user reconnects.
  untrusted_api_domain: 'not_connected',
  rate_limited: 'rate_limited',
  unavailable: 'upstream_unavailable',
}

/** Pipedrive refused or failed a call; `failure` says what the panel should tell the user. */
export class PipedriveCallError extends RelayError {
  constructor(
    readonly failure: PipedriveFailure,
    message: string,
    init: { cause?: unknown; retryAfter?: number | undefined } = {}
  ) {
    super(RELAY_CODE[failure], message, init)
  }
}
