/**
 * @module routes/pipedrive-panel-api
 * The custom panel's API under `/pipedrive/v1` (SDK-token Bearer auth, http/pipedrive-sdk-auth.ts):
 * `GET /subject` says which customer a Pipedrive record is; `/context`, `/events` and `/traits`
 * are the same as the Zendesk app's; `POST /notes` adds the summary as a note on the record through
 * the viewer's own Pipedrive installation.
 */
import { Hono } from 'hono'
import { z } from 'zod'

import { RelayError } from '../../../platform/errors.ts'
import type { PipedriveEnv } from '../pipedrive-viewer.ts'
import { firstKnownEmail } from '../find-customer.ts'
import { noteHtml } from './note-html.ts'
import type { PipedriveDeps } from '../pipedrive-deps.ts'
import type { ReadRouteDeps } from '../../../customers/read-route-deps.ts'
import { customerReadRoutes } from '../../../customers/customer-read-routes.ts'

const recordSchema = {
  resource: z.enum(['person', 'deal', 'organization']),
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
}
const subjectQuery = z.object(recordSchema)
/** Pipedrive keeps notes up to 100 KB of HTML; a summary is a few hundred characters. */
const noteBody = z.object({ ...recordSchema, text: z.string().trim().min(1).max(20_000) })

const NOTE_TARGET = { person: 'personId', deal: 'dealId', organization: 'orgId' } as const

export interface PanelApiDeps extends ReadRouteDeps {
  readonly pipedrive: PipedriveDeps
}

export function pipedrivePanelApi(deps: PanelApiDeps) {
  const routes = new Hono<PipedriveEnv>()

  routes.get('/subject', async (c) => {
    const parsed = subjectQuery.safeParse(c.req.query())
    if (!parsed.success) throw new RelayError('bad_request', 'give resource and id')
    const { resource, id } = parsed.data
    const session = c.get('session')
    const subject = await deps.pipedrive.subjects.resolve(
      c.get('viewer').companyId,
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
    return c.json({
      ...subject,
      ...(email === undefined ? {} : { lookup: { type: 'email', value: email } }),
      ...(reason === undefined ? {} : { reason }),
    })
  })

  routes.post('/notes', async (c) => {
    const parsed = noteBody.safeParse(await c.req.json().catch(() => undefined))
    if (!parsed.success) throw new RelayError('bad_request', 'give resource, id and text')
    const { resource, id, text } = parsed.data
    const session = c.get('session')
    const note = await session.crm.addNote({ content: noteHtml(text), [NOTE_TARGET[resource]]: id })
    return c.json({ id: note.id }, 201)
  })

  routes.route('/', customerReadRoutes(deps, 'pipedriveSdkJwt'))
  return routes
}
