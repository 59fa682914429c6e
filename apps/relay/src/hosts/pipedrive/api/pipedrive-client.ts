/**
 * @module hosts/pipedrive/api/pipedrive-client
 * The PipedriveApi port on the official `pipedrive` npm client (v33: `pipedrive/v2` for persons
 * and deals, `pipedrive/v1` for users/me and notes, which have no v2 endpoints). One
 * OAuth2Configuration per call: it holds one user's token state, so it is never shared between
 * installations. Node only (the client uses axios and Buffer); server.ts passes it to the app.
 *
 * The client rejects with Pipedrive's error body rather than an HTTP status, so failures are
 * classified from that body: `errorCode`, OAuth's `error`, or a "… not found" message. A 403 is
 * either "Scope and URL mismatch" (the app's scopes lack the call: the error names the scope to
 * add) or a record this user may not see, which a read answers as not there.
 */
import * as v1 from 'pipedrive/v1'
import * as v2 from 'pipedrive/v2'
import { z } from 'zod'

import { RelayError } from '../../../platform/errors.ts'
import {
  CallTimedOut,
  DEFAULT_CALL_TIMEOUT_MS,
  withinLimits,
  type CallLimits,
} from './call-limits.ts'
import { crmWebhooks, readStageDirectory } from './crm-webhooks.ts'
import {
  PipedriveCallError,
  pipedriveDealSchema,
  pipedrivePersonSchema,
  tokenAnswerSchema,
  type PipedriveApi,
  type PipedriveCrm,
  type TokenAnswer,
} from './pipedrive-port.ts'

export interface PipedriveClientOptions {
  readonly clientId: string
  readonly clientSecret: string
  readonly redirectUri: string
  /** OAuth server; default https://oauth.pipedrive.com (the sandbox's URL in tests and the demo). */
  readonly oauthUrl?: string | undefined
  /** Each call's own limit, beside the request's deadline (call-limits.ts has the default). */
  readonly callTimeoutMs?: number | undefined
}

/** Retry-After for a call that ran out of time, as for an Intilery outage: not to hammer Pipedrive. */
const TIMEOUT_RETRY_AFTER_SECONDS = 5

const errorBody = z
  .object({
    error: z.string().optional(),
    errorCode: z.number().optional(),
  })
  .loose()

export class NotFound extends Error {}

/** Pipedrive's error text when a call is outside the token's scopes. */
const SCOPE_MISMATCH = 'Scope and URL mismatch'

/**
 * What each call needs from Pipedrive's scope table
 * (https://pipedrive.readme.io/docs/marketplace-scopes-and-permissions-explanations): POST /notes
 * is listed only under contacts:full and deals:full; the app asks for contacts:full.
 */
const NEEDED_SCOPE: Readonly<Record<string, string>> = {
  'adding a note': '“Contacts: Full access” scope (contacts:full)',
  'a person read': '“Contacts: Read only” scope (contacts:read)',
  'an organization’s persons': '“Contacts: Read only” scope (contacts:read)',
  'a deal read': '“Deals: Read only” scope (deals:read)',
  'reading stages': '“Deals: Read only” scope (deals:read)',
  'reading webhooks': '“Webhooks: Full access” scope (webhooks:full)',
  'adding a webhook': '“Webhooks: Full access” scope (webhooks:full)',
  'removing a webhook': '“Webhooks: Full access” scope (webhooks:full)',
}

const NOTE_WORDS: Readonly<Record<string, string>> = { 'adding a note': 'add the note' }

function classify(error: unknown, during: string): Error {
  const body = errorBody.safeParse(error)
  if (body.success && (body.data.error !== undefined || body.data.errorCode !== undefined)) {
    const { error: code = '', errorCode } = body.data
    if (/not found/i.test(code) || errorCode === 404) return new NotFound(code)
    if (code === 'invalid_grant' || code === 'invalid_client')
      return new PipedriveCallError('revoked', `Pipedrive refused the grant during ${during}`)
    if (code === SCOPE_MISMATCH)
      return new PipedriveCallError(
        'missing_scope',
        `Pipedrive refused to ${NOTE_WORDS[during] ?? `allow ${during}`}: the Intilery app needs the ${NEEDED_SCOPE[during] ?? 'scope for it'}. Add it to the app in Pipedrive’s Developer Hub, then reinstall the app to accept it.`
      )
    if (errorCode === 403)
      return new PipedriveCallError('forbidden', `Pipedrive refused ${during} for this user`)
    if (errorCode === 401)
      return new PipedriveCallError('unauthorized', `Pipedrive refused the token during ${during}`)
    if (errorCode === 429)
      return new PipedriveCallError('rate_limited', `Pipedrive is rate limiting (${during})`, {
        retryAfter: 2,
      })
  }
  // No `cause`: the client's errors carry the request, with its Authorization header and tokens.
  return new PipedriveCallError('unavailable', `Pipedrive did not answer ${during}`)
}

/**
 * One call within its limits (call-limits.ts). `advice` ends the message of a call that ran out of
 * time: what the caller can do about it.
 */
export async function call<T>(
  during: string,
  limits: CallLimits,
  run: (signal: AbortSignal) => Promise<T>,
  advice = 'try again shortly'
): Promise<T> {
  try {
    return await withinLimits(run, limits)
  } catch (error) {
    // Already classified: the token keeper's own failure (raised while the call waits for its
    // token), or the relay's own.
    if (error instanceof RelayError) throw error
    if (error instanceof CallTimedOut)
      throw new PipedriveCallError(
        'unavailable',
        `Pipedrive did not answer ${during} in time; ${advice}`,
        { retryAfter: TIMEOUT_RETRY_AFTER_SECONDS }
      )
    throw classify(error, during)
  }
}

/**
 * The client's OAuth calls take no per-request options; each OAuth2Configuration (one per call
 * here) sends through its own axios instance, whose defaults do. Checked, so that a client release
 * that moves it fails here, loudly, rather than silently dropping the limits.
 */
function abortWith(config: v2.OAuth2Configuration, signal: AbortSignal): v2.OAuth2Configuration {
  const own = (config as unknown as { axios?: { defaults?: { signal?: AbortSignal } } }).axios
  if (own?.defaults === undefined)
    throw new RelayError('internal', 'The pipedrive client’s OAuth calls cannot be aborted')
  own.defaults.signal = signal
  return config
}

/** A record that is not there, or that Pipedrive does not let this user see, is undefined. */
async function orUndefined<T>(
  during: string,
  limits: CallLimits,
  run: (signal: AbortSignal) => Promise<T>
): Promise<T | undefined> {
  try {
    return await call(during, limits, run)
  } catch (error) {
    if (error instanceof NotFound) return undefined
    if (error instanceof PipedriveCallError && error.failure === 'forbidden') return undefined
    throw error
  }
}

export const dataOf = (answer: unknown) => (answer as { data?: unknown } | undefined)?.data

export function createPipedriveClient(options: PipedriveClientOptions): PipedriveApi {
  const timeoutMs = options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS
  const oauthConfig = (signal: AbortSignal) =>
    abortWith(
      new v2.OAuth2Configuration({
        clientId: options.clientId,
        clientSecret: options.clientSecret,
        redirectUri: options.redirectUri,
        ...(options.oauthUrl === undefined ? {} : { host: options.oauthUrl }),
      }),
      signal
    )
  const token = async (
    during: string,
    limits: CallLimits,
    run: (signal: AbortSignal) => Promise<unknown>
  ): Promise<TokenAnswer> => tokenAnswerSchema.parse(await call(during, limits, run))

  return {
    oauth: {
      exchangeCode: (code, callOptions = {}) =>
        token('the code exchange', { signal: callOptions.signal, timeoutMs }, (signal) =>
          oauthConfig(signal).authorize(code)
        ),
      // No request's signal: the refresh is shared (see PipedriveOAuth.refresh).
      refresh: (refreshToken) =>
        token('a token refresh', { timeoutMs }, (signal) => {
          const config = oauthConfig(signal)
          config.updateToken({
            access_token: '',
            refresh_token: refreshToken,
            token_type: 'bearer',
            expires_in: 0,
            scope: '',
            api_domain: '',
          })
          return config.tokenRefresh()
        }),
    },
    crm(apiDomain, accessToken, callOptions = {}): PipedriveCrm {
      const limits: CallLimits = { signal: callOptions.signal, timeoutMs }
      /**
       * The client's settings for one call: the token (waited for within the call's limits, so a
       * slow refresh counts against them) and the call's signal, which the client hands to axios.
       */
      const configs = async (signal: AbortSignal) => {
        const token = await accessToken()
        const v1Config = new v1.Configuration({
          basePath: `${apiDomain}/api/v1`,
          accessToken: token,
        })
        const v2Config = new v2.Configuration({
          basePath: `${apiDomain}/api/v2`,
          accessToken: token,
        })
        v1Config.baseOptions = { signal }
        v2Config.baseOptions = { signal }
        return { v1: v1Config, v2: v2Config }
      }
      return {
        async me() {
          const answer = await call('users/me', limits, async (signal) =>
            new v1.UsersApi((await configs(signal)).v1).getCurrentUser()
          )
          const user = z
            .object({
              id: z.number(),
              company_id: z.number(),
              is_admin: z.boolean().nullish(),
              company_name: z.string().nullish(),
              company_domain: z.string().nullish(),
            })
            .parse(dataOf(answer))
          return {
            id: String(user.id),
            companyId: String(user.company_id),
            isAdmin: user.is_admin === true,
            companyName: user.company_name ?? '',
            companyDomain: user.company_domain ?? '',
          }
        },
        async person(id) {
          const answer = await orUndefined('a person read', limits, async (signal) =>
            new v2.PersonsApi((await configs(signal)).v2).getPerson({ id })
          )
          return answer === undefined ? undefined : pipedrivePersonSchema.parse(dataOf(answer))
        },
        async deal(id) {
          const answer = await orUndefined('a deal read', limits, async (signal) =>
            new v2.DealsApi((await configs(signal)).v2).getDeal({ id })
          )
          return answer === undefined ? undefined : pipedriveDealSchema.parse(dataOf(answer))
        },
        // v2's list (GET /api/v2/persons?org_id=, which replaced v1's
        // /organizations/{id}/persons): cursor-paged, `limit` at most 500, `next_cursor` null on
        // the last page. One page is read; a cursor only says that there are more.
        async personsOfOrganization(id, limit) {
          const answer = await call('an organization’s persons', limits, async (signal) =>
            new v2.PersonsApi((await configs(signal)).v2).getPersons({ org_id: id, limit })
          )
          const page = z
            .object({
              data: z.array(pipedrivePersonSchema).nullish(),
              additional_data: z.object({ next_cursor: z.string().nullish() }).loose().nullish(),
            })
            .parse(answer)
          return {
            persons: page.data ?? [],
            more: typeof page.additional_data?.next_cursor === 'string',
          }
        },
        webhooks: crmWebhooks(limits, async (signal) => (await configs(signal)).v1),
        stageDirectory: () =>
          readStageDirectory(limits, async (signal) => (await configs(signal)).v2),
        async addNote(note) {
          const answer = await call(
            'adding a note',
            limits,
            async (signal) =>
              new v1.NotesApi((await configs(signal)).v1).addNote({
                AddNoteRequest: {
                  content: note.content,
                  ...(note.personId === undefined ? {} : { person_id: note.personId }),
                  ...(note.dealId === undefined ? {} : { deal_id: note.dealId }),
                  ...(note.orgId === undefined ? {} : { org_id: note.orgId }),
                },
              }),
            // Pipedrive may have added it before the time ran out: a blind retry could add it twice.
            'check the record’s notes before trying again'
          )
          return z.object({ id: z.number() }).parse(dataOf(answer))
        },
      }
    },
  }
}
