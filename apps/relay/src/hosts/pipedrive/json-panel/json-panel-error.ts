/**
 * @module hosts/pipedrive/json-panel/json-panel-error
 * Failures in the JSON panel's own error format: `{ error: { title, subtitle?, action? } }` with a
 * non-2xx status. The title (at most 30 characters) says what is wrong, the subtitle what to do,
 * and the action is the button that does it (connect, reconnect). Every text is ours: nothing from
 * the request or upstream is echoed, since Pipedrive renders the subtitle as markdown.
 */
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

export function panelFailure(error: unknown, links: FixLinks): PanelFailure {
  const mapped = mapError(error)
  const reconnect = {
    status: 403,
    body: {
      error: {
        title: 'Reconnect Pipedrive',
        subtitle: 'The connection to Intilery has expired or was revoked.',
        action: { url: links.connectPipedrive, label: 'Reconnect' },
      },
    },
  } as const
  if (error instanceof NotConnectedError) {
    if (error.step === 'no_tenant')
      return {
        status: 403,
        body: {
          error: {
            title: 'Connect Intilery',
            subtitle:
              'This Pipedrive company is not linked to an Intilery workspace yet. A Pipedrive admin links it by installing the app.',
            action: { url: links.connectPipedrive, label: 'Connect Intilery' },
          },
        },
      }
    if (error.step === 'disconnected') return reconnect
    return {
      status: 403,
      body: {
        error: {
          title: 'Connect Pipedrive',
          subtitle: 'Install the Intilery app for your Pipedrive user to see customer data here.',
          action: { url: links.connectPipedrive, label: 'Connect' },
        },
      },
    }
  }
  if (error instanceof PipedriveCallError && error.failure !== 'rate_limited') {
    if (error.failure === 'unavailable')
      return {
        status: 503,
        body: { error: { title: 'Pipedrive did not answer', subtitle: 'Reload in a moment.' } },
      }
    return reconnect
  }
  switch (mapped.code) {
    case 'unauthenticated':
      return {
        status: 401,
        body: { error: { title: 'Not authorized', subtitle: 'Reload the page to try again.' } },
      }
    case 'bad_request':
      return { status: 400, body: { error: { title: 'Bad request' } } }
    case 'rate_limited':
      return {
        status: 429,
        body: { error: { title: 'Too many requests', subtitle: 'Reload in a minute.' } },
      }
    case 'misconfigured':
      return {
        status: 409,
        body: {
          error: {
            title: 'Intilery refused access',
            subtitle: 'Ask your admin to check the Intilery credentials on the relay.',
          },
        },
      }
    case 'upstream_unavailable':
      return {
        status: 503,
        body: { error: { title: 'Intilery did not answer', subtitle: 'Reload in a moment.' } },
      }
    default:
      return {
        status: 500,
        body: { error: { title: 'Panel unavailable', subtitle: 'Reload in a moment.' } },
      }
  }
}
