/**
 * @module hosts/pipedrive/custom-panel/panel-api-routes
 * The custom panel's API under `/pipedrive/v1` (SDK-token Bearer auth, sdk-token-auth.ts):
 * `GET /subject` says which customer a Pipedrive record is; `/context`, `/events`, `/traits` and
 * `/choice` are the same as the Zendesk app's (a choice kept per company and record); `POST /notes` adds the summary as a note on the record through
 * the viewer's own Pipedrive installation.
 */
import { createRoute, z, type RouteHandler } from '@hono/zod-openapi'
import {
  noteAnswerSchema,
  subjectSchema,
  type NoteAnswer,
  type Subject,
} from '@intilery-connect/core'

import { recordScope } from '../../../customers/choice-scope.ts'
import { customerReadRoutes } from '../../../customers/customer-read-routes.ts'
import type { ReadRouteDeps } from '../../../customers/read-route-deps.ts'
import { RelayError } from '../../../platform/errors.ts'
import {
  documentedRoutes,
  errorBody,
  jsonContent,
} from '../../../platform/openapi/documented-routes.ts'
import { firstKnownEmail } from '../find-customer.ts'
import type { PipedriveDeps } from '../pipedrive-deps.ts'
import { bodyFrom, queryParam, sdkTokenRefusals } from '../pipedrive-route-docs.ts'
import type { PipedriveEnv } from '../pipedrive-viewer.ts'
import { noteHtml } from './note-html.ts'

const recordSchema = {
  resource: z
    .enum(['person', 'deal', 'organization'])
    .describe('`person`, `deal` or `organization`'),
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(Number.MAX_SAFE_INTEGER)
    .describe('The record’s Pipedrive id'),
}
const subjectQuery = z.object({
  resource: queryParam(recordSchema.resource),
  id: queryParam(recordSchema.id),
})
/** Pipedrive keeps notes up to 100 KB of HTML; a summary is a few hundred characters. */
const noteBody = z.object({ ...recordSchema, text: z.string().trim().min(1).max(20_000) })

const NOTE_TARGET = { person: 'personId', deal: 'dealId', organization: 'orgId' } as const

const subjectRoute = createRoute({
  method: 'get',
  path: '/subject',
  summary: 'Which Intilery customer a Pipedrive record is',
  security: [{ pipedriveSdkJwt: [] }],
  request: { query: subjectQuery },
  responses: {
    200: {
      description: '{ resource, id, emails, lookup?, reason?, persons? }',
      content: jsonContent(subjectSchema),
    },
    400: errorBody('`bad_request`: give resource and id'),
    ...sdkTokenRefusals,
  },
})

const notesRoute = createRoute({
  method: 'post',
  path: '/notes',
  summary: 'Adds text (escaped) as a note on the record, with the viewer’s Pipedrive token',
  security: [{ pipedriveSdkJwt: [] }],
  request: { body: bodyFrom('application/json', noteBody) },
  responses: {
    201: { description: '{ id }', content: jsonContent(noteAnswerSchema) },
    400: errorBody('Bad body'),
    ...sdkTokenRefusals,
  },
})

export interface PanelApiDeps extends ReadRouteDeps {
  readonly pipedrive: PipedriveDeps
}

export function pipedrivePanelApi(deps: PanelApiDeps) {
  const routes = documentedRoutes<PipedriveEnv>()

  // Answers are typed with core's contract types (Subject, NoteAnswer) and returned `as never`:
  // their documented schemas are core's zod/mini ones as JSON Schema, which the typing cannot read.
  const subjectRead: RouteHandler<typeof subjectRoute, PipedriveEnv> = async (c) => {
    const { resource, id } = c.req.valid('query')
    const session = c.get('session')
    // Kept per reading installation: Pipedrive shows each user only what they may see.
    const subject = await deps.pipedrive.subjects.resolve(
      session.installation,
      session.crm,
      resource,
      id
    )
    const caller = c.get('caller')
    const email = await firstKnownEmail(
      deps.upstreamFor(session.tenant),
      subject.emails,
      (ref, read) => deps.auditor.audited(caller, ref, c.get('requestId'), read),
      { signal: c.get('deadline')() }
    )
    const reason = subject.reason ?? (email === undefined ? 'no_profile' : undefined)
    // The people read are the JSON panel's (names, roll-up), not part of the browsers' contract.
    const { people: _people, morePeople: _more, ...answered } = subject
    const answer: Subject = {
      ...answered,
      emails: [...subject.emails],
      ...(email === undefined ? {} : { lookup: { type: 'email', value: email } }),
      ...(reason === undefined ? {} : { reason }),
    }
    return c.json(answer, 200) as never
  }
  // This route's own message for any bad query, as before (not the first issue's).
  routes.openapi(subjectRoute, subjectRead, (result) => {
    if (!result.success) throw new RelayError('bad_request', 'give resource and id')
  })

  routes.openapi(notesRoute, async (c) => {
    // Validated here, not by the route (pipedrive-route-docs.ts `bodyFrom` says why).
    const parsed = noteBody.safeParse(await c.req.json().catch(() => undefined))
    if (!parsed.success) throw new RelayError('bad_request', 'give resource, id and text')
    const { resource, id, text } = parsed.data
    const session = c.get('session')
    const note = await session.crm.addNote({ content: noteHtml(text), [NOTE_TARGET[resource]]: id })
    const answer: NoteAnswer = { id: note.id }
    return c.json(answer, 201) as never
  })

  // A remembered choice is kept for the token's company and the record the panel is on.
  routes.route('/', customerReadRoutes(deps, 'pipedriveSdkJwt', recordScope))
  return routes
}
