/**
 * @module hosts/pipedrive/pipedrive-openapi
 * The Pipedrive routes' part of the OpenAPI document (platform/openapi/openapi-document.ts): the JSON panel, the
 * custom panel's page and API, and the install lifecycle. Kept apart so each file stays one screen.
 */
import { customerContextSchema } from '@intilery-connect/core'

import { json, query, type OpenApiPart } from '../../platform/openapi/openapi-parts.ts'

/** Pipedrive's parameters are mostly required. */
const param = (name: string, description: string, required = true) =>
  query(name, description, required)
const record = [
  param('resource', '`person`, `deal` or `organization`'),
  param('id', 'The record’s Pipedrive id'),
]
const refused = {
  '401': { description: 'The token is missing, expired, forged or for someone else' },
  '403': { description: '`not_connected`: no tenant link, no install, or a dead install' },
}

const securitySchemes = {
  pipedrivePanelToken: {
    type: 'apiKey',
    in: 'query',
    name: 'token',
    description: 'HS256 JWT {userId, companyId} signed by Pipedrive with the panel’s JWT secret',
  },
  pipedriveSdkJwt: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'The custom panel’s GET_SIGNED_TOKEN answer (HS256, the custom panel’s secret)',
  },
  pipedriveClient: {
    type: 'http',
    scheme: 'basic',
    description: 'The Pipedrive app’s client_id:client_secret, as Pipedrive sends it',
  },
}

const sdkGet = (summary: string, parameters: object[], ok: object) => ({
  get: {
    summary,
    security: [{ pipedriveSdkJwt: [] }],
    parameters,
    responses: { ...ok, ...refused },
  },
})

const paths = {
  '/pipedrive/v1/panel': {
    get: {
      summary:
        'Pipedrive’s JSON panel request: the customer as panel objects (apps/pipedrive/json-panel/data-structure.json), or Pipedrive’s error format',
      security: [{ pipedrivePanelToken: [] }],
      parameters: [
        param('resource', '`person`, `deal` or `organization`'),
        param('view', '`details`', false),
        param('userId', 'The viewer’s Pipedrive user id (must equal the token’s)'),
        param('companyId', 'The viewer’s company id (must equal the token’s)'),
        param('selectedIds', 'The record shown'),
        param('isShared', '`true` for a viewer who never installed the app', false),
      ],
      responses: {
        '200': { description: '{ data: [...], external_link }' },
        '401': { description: '{ error: { title: "Not authorized" } }' },
        '403': { description: '{ error: { title, subtitle, action } }: connect or reconnect' },
      },
    },
  },
  '/pipedrive/v1/subject': sdkGet('Which Intilery customer a Pipedrive record is', record, {
    '200': { description: '{ resource, id, emails, lookup?, reason?, persons? }' },
  }),
  '/pipedrive/v1/context': sdkGet(
    'As /zendesk/v1/context, for the custom panel',
    [param('email', 'An email', false), param('userId', 'Intilery userId', false)],
    {
      '200': {
        description: 'Profiles and the first timeline page',
        content: json(customerContextSchema),
      },
    }
  ),
  '/pipedrive/v1/events': sdkGet(
    'As /zendesk/v1/events, for the custom panel',
    [param('ref', 'idType:id'), param('cursor', 'The previous page’s cursor', false)],
    { '200': { description: 'A page of events' } }
  ),
  '/pipedrive/v1/traits': sdkGet('As /zendesk/v1/traits', [param('ref', 'idType:id')], {
    '200': { description: 'Traits' },
  }),
  '/pipedrive/v1/notes': {
    post: {
      summary: 'Adds text (escaped) as a note on the record, with the viewer’s Pipedrive token',
      security: [{ pipedriveSdkJwt: [] }],
      responses: {
        '201': { description: '{ id }' },
        '400': { description: 'Bad body' },
        ...refused,
      },
    },
  },
  '/pipedrive/panel': {
    get: {
      summary: 'The custom panel page (HTML), served only with a valid `token`',
      security: [{ pipedriveSdkJwt: [] }],
      parameters: [param('userId', ''), param('companyId', ''), param('token', 'Pipedrive’s JWT')],
      responses: { '200': { description: 'text/html' }, '401': { description: 'Bad token' } },
    },
  },
  '/pipedrive/oauth/start': {
    get: {
      summary: 'Starts an install: redirects to Pipedrive’s consent page with a signed state',
      security: [],
      responses: { '302': { description: 'To Pipedrive' } },
    },
  },
  '/pipedrive/oauth/callback': {
    get: {
      summary: 'Pipedrive’s redirect after consent: code exchange, then the setup page',
      security: [],
      parameters: [param('code', '', false), param('state', '', false), param('error', '', false)],
      responses: { '200': { description: 'A page' }, '302': { description: 'To setup' } },
    },
    delete: {
      summary: 'Pipedrive’s uninstall notice: deletes the installation',
      security: [{ pipedriveClient: [] }],
      responses: { '204': { description: 'Deleted' }, '401': { description: 'Not Pipedrive' } },
    },
    post: {
      summary: 'Pipedrive’s visibility notice: whether the user shares the panels',
      security: [{ pipedriveClient: [] }],
      responses: { '204': { description: 'Recorded' }, '401': { description: 'Not Pipedrive' } },
    },
  },
  '/pipedrive/setup': {
    get: {
      summary: 'The setup page for an admin’s signed link',
      security: [],
      parameters: [param('ticket', 'The signed link from an admin’s install')],
      responses: { '200': { description: 'text/html' }, '401': { description: 'Bad link' } },
    },
    post: {
      summary: 'Links the company to the tenant of an all-traits API key',
      security: [],
      responses: { '200': { description: 'Linked' }, '401': { description: 'Bad key or link' } },
    },
  },
}

export const pipedriveOpenApi: OpenApiPart = { securitySchemes, paths }
