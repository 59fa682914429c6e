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
}

const errorBody = z
  .object({
    error: z.string().optional(),
    errorCode: z.number().optional(),
  })
  .loose()

class NotFound extends Error {}

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

async function call<T>(during: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    // Already classified: the token keeper's own failure, raised through the client's accessToken.
    if (error instanceof PipedriveCallError) throw error
    throw classify(error, during)
  }
}

/** A record that is not there, or that Pipedrive does not let this user see, is undefined. */
async function orUndefined<T>(during: string, run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call(during, run)
  } catch (error) {
    if (error instanceof NotFound) return undefined
    if (error instanceof PipedriveCallError && error.failure === 'forbidden') return undefined
    throw error
  }
}

const dataOf = (answer: unknown) => (answer as { data?: unknown } | undefined)?.data

export function createPipedriveClient(options: PipedriveClientOptions): PipedriveApi {
  const oauthConfig = () =>
    new v2.OAuth2Configuration({
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      redirectUri: options.redirectUri,
      ...(options.oauthUrl === undefined ? {} : { host: options.oauthUrl }),
    })
  const token = async (run: () => Promise<unknown>, during: string): Promise<TokenAnswer> =>
    tokenAnswerSchema.parse(await call(during, run))

  return {
    oauth: {
      exchangeCode: (code) => token(() => oauthConfig().authorize(code), 'the code exchange'),
      refresh: (refreshToken) =>
        token(() => {
          const config = oauthConfig()
          config.updateToken({
            access_token: '',
            refresh_token: refreshToken,
            token_type: 'bearer',
            expires_in: 0,
            scope: '',
            api_domain: '',
          })
          return config.tokenRefresh()
        }, 'a token refresh'),
    },
    crm(apiDomain, accessToken): PipedriveCrm {
      const v2Config = new v2.Configuration({ basePath: `${apiDomain}/api/v2`, accessToken })
      const v1Config = new v1.Configuration({ basePath: `${apiDomain}/api/v1`, accessToken })
      const persons = new v2.PersonsApi(v2Config)
      const deals = new v2.DealsApi(v2Config)
      return {
        async me() {
          const answer = await call('users/me', () => new v1.UsersApi(v1Config).getCurrentUser())
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
          const answer = await orUndefined('a person read', () => persons.getPerson({ id }))
          return answer === undefined ? undefined : pipedrivePersonSchema.parse(dataOf(answer))
        },
        async deal(id) {
          const answer = await orUndefined('a deal read', () => deals.getDeal({ id }))
          return answer === undefined ? undefined : pipedriveDealSchema.parse(dataOf(answer))
        },
        async personsOfOrganization(id, limit) {
          const answer = await call('an organization’s persons', () =>
            persons.getPersons({ org_id: id, limit })
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
        async addNote(note) {
          const answer = await call('adding a note', () =>
            new v1.NotesApi(v1Config).addNote({
              AddNoteRequest: {
                content: note.content,
                ...(note.personId === undefined ? {} : { person_id: note.personId }),
                ...(note.dealId === undefined ? {} : { deal_id: note.dealId }),
                ...(note.orgId === undefined ? {} : { org_id: note.orgId }),
              },
            })
          )
          return z.object({ id: z.number() }).parse(dataOf(answer))
        },
      }
    },
  }
}
