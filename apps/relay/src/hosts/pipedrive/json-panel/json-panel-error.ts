/**
 * @module hosts/pipedrive/json-panel/json-panel-error
 * Failures in the JSON panel's own error format: `{ error: { title, subtitle?, action? } }` with a
 * non-2xx status. The title (at most 30 characters) says what is wrong, the subtitle what to do,
 * and the action is the button that does it (connect, reconnect). Every text is ours (core's
 * catalogues, in the viewer's language like the panel): nothing from the request or upstream is
 * echoed, since Pipedrive renders the subtitle as markdown.
 */
import { createTranslator } from '@intilery-connect/core'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

import { mapError } from '../../../platform/http/error-response.ts'
import { PipedriveCallError } from '../api/pipedrive-port.ts'
import { NotConnectedError } from '../pipedrive-session.ts'

export interface PanelAction {
  readonly url: string
  readonly label: string
}

export interface PanelErrorBody {
  readonly error: {
    readonly title: string
    readonly subtitle?: string
    readonly action?: PanelAction
  }
}

/** Where each fix happens: the install start (an admin's install ends on the setup page). */
export interface FixLinks {
  readonly connectPipedrive: string
}

export interface PanelFailure {
  readonly status: ContentfulStatusCode
  readonly body: PanelErrorBody
}

/** `locale`: the viewer's languages (panel-locale.ts), their catalogue loaded; none is English. */
export function panelFailure(
  error: unknown,
  links: FixLinks,
  locale: readonly string[] = []
): PanelFailure {
  const tr = createTranslator(locale)
  const say = (key: string) => tr.t(`pipedrive.error.${key}`)
  const failure = (
    status: ContentfulStatusCode,
    key: string,
    subtitle?: string,
    action?: { readonly url: string; readonly key: string }
  ): PanelFailure => ({
    status,
    body: {
      error: {
        title: say(`${key}.title`),
        ...(subtitle === undefined ? {} : { subtitle }),
        ...(action === undefined ? {} : { action: { url: action.url, label: say(action.key) } }),
      },
    },
  })
  const mapped = mapError(error)
  const connect = links.connectPipedrive
  const reconnect = () =>
    failure(403, 'reconnect', say('reconnect.subtitle'), {
      url: connect,
      key: 'reconnect.action',
    })
  if (error instanceof NotConnectedError) {
    if (error.step === 'no_tenant')
      return failure(403, 'connectIntilery', say('connectIntilery.subtitle'), {
        url: connect,
        key: 'connectIntilery.action',
      })
    if (error.step === 'disconnected') return reconnect()
    return failure(403, 'connectPipedrive', say('connectPipedrive.subtitle'), {
      url: connect,
      key: 'connectPipedrive.action',
    })
  }
  if (error instanceof PipedriveCallError && error.failure !== 'rate_limited') {
    if (error.failure === 'unavailable') return failure(503, 'pipedriveDown', say('retrySoon'))
    return reconnect()
  }
  switch (mapped.code) {
    case 'unauthenticated':
      return failure(401, 'notAuthorized', say('notAuthorized.subtitle'))
    case 'bad_request':
      return failure(400, 'badRequest')
    case 'rate_limited':
      return failure(429, 'tooMany', say('tooMany.subtitle'))
    case 'misconfigured':
      return failure(409, 'refused', say('refused.subtitle'))
    case 'upstream_unavailable':
      return failure(503, 'intileryDown', say('retrySoon'))
    default:
      return failure(500, 'unavailable', say('retrySoon'))
  }
}
