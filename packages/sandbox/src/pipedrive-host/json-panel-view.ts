/**
 * @module pipedrive-host/json-panel-view
 * The JSON panel box as Pipedrive draws it from the app's answer (reference/pipedrive.md §1.4),
 * rendered on the server as escaped HTML (hono's `html` template, see html.ts): objects as
 * stacked boxes (header as title, fields in schema order with the schema's labels),
 * `external_link` as a green button, `{ data: [] }` as "Nothing to show", an error body on a
 * non-success status as Pipedrive's error state, and anything else (a timeout, an undeclared
 * property, a wrong type, too many objects or fields) as "Something went wrong…", which is what
 * Pipedrive shows for the whole panel.
 */
import { cut, externalLink, httpUrl, markup, type Markup } from './html.ts'
import {
  FIELD_TYPES,
  guessType,
  LABEL_MAX,
  renderField,
  TEXT_MAX,
  type FieldType,
} from './json-panel-fields.ts'

export const MAX_OBJECTS = 10
export const MAX_FIELDS = 20
const ERROR_TITLE_MAX = 30

/** What the host got from the app's panel endpoint. */
export type PanelAnswer =
  | { readonly status: number; readonly body: unknown }
  | { readonly failed: 'timeout' | 'network' | 'not_json' }

export type PanelState = 'data' | 'empty' | 'error' | 'broken'

export interface RenderedPanel {
  readonly state: PanelState
  /** The box's markup, every value in it escaped; host-page.ts puts it in the page as it is. */
  readonly html: string
  /** Why the panel broke, for whoever debugs the app (Pipedrive says nothing more). */
  readonly problem?: string | undefined
}

interface Property {
  readonly key: string
  readonly type: FieldType
  readonly label: string
}

interface PanelSchema {
  readonly properties: readonly Property[]
  readonly required: readonly string[]
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The object schema of a single- or multi-object panel schema, in property order. */
export function readPanelSchema(schema: unknown): PanelSchema | undefined {
  if (!isRecord(schema)) return undefined
  const object = isRecord(schema.items) ? schema.items : schema
  if (!isRecord(object.properties)) return undefined
  const properties: Property[] = []
  for (const [key, property] of Object.entries(object.properties)) {
    if (!isRecord(property) || typeof property.$ref !== 'string') return undefined
    const type = property.$ref.replace('#/definitions/', '')
    if (!(FIELD_TYPES as readonly string[]).includes(type)) return undefined
    const label = typeof property.label === 'string' ? property.label : key
    properties.push({ key, type: type as FieldType, label })
  }
  const required = Array.isArray(object.required)
    ? object.required.filter((key): key is string => typeof key === 'string')
    : []
  return { properties, required }
}

const broken = (problem: string): RenderedPanel => ({
  state: 'broken',
  html: '<p class="pd-broken">Something went wrong…</p>',
  problem,
})

/** A reason the answer breaks the panel. */
interface Problem {
  readonly problem: string
}

/** One object's box, or why it breaks the schema. */
function renderObject(
  object: unknown,
  schema: PanelSchema | undefined
): { readonly box: Markup } | Problem {
  if (!isRecord(object)) return { problem: 'an object is not an object' }
  const declared = schema?.properties
  const properties =
    declared ??
    Object.keys(object).map((key) => ({ key, type: guessType(object[key]), label: key }))
  if (schema !== undefined) {
    const known = new Set(schema.properties.map((p) => p.key))
    const unknown = Object.keys(object).find((key) => !known.has(key))
    if (unknown !== undefined) return { problem: `undeclared property ${unknown}` }
    const missing = schema.required.find((key) => object[key] === undefined)
    if (missing !== undefined) return { problem: `missing required property ${missing}` }
  }
  let header: Markup | undefined
  const rows: Markup[] = []
  for (const property of properties) {
    const value = object[property.key]
    if (value === undefined) continue
    const type = property.key === 'header' ? 'header' : property.type
    const shown = renderField(type, value)
    if (shown === undefined) return { problem: `${property.key} is not a valid ${type}` }
    // The object's id tells Pipedrive objects apart; it is not shown.
    if (property.key === 'id') continue
    if (type === 'header') header = shown
    else
      rows.push(
        markup`<div class="pd-field"><dt>${cut(property.label, LABEL_MAX)}</dt><dd>${shown}</dd></div>`
      )
  }
  if (rows.length > MAX_FIELDS) return { problem: `more than ${MAX_FIELDS} fields` }
  const title =
    header === undefined || header.length === 0
      ? ''
      : markup`<h3 class="pd-object-header">${header}</h3>`
  return { box: markup`<section class="pd-object">${title}<dl>${rows}</dl></section>` }
}

function renderData(body: Record<string, unknown>, schema: PanelSchema | undefined): RenderedPanel {
  const objects = Array.isArray(body.data) ? body.data : [body.data]
  if (objects.length > MAX_OBJECTS) return broken(`more than ${MAX_OBJECTS} objects`)
  if (
    objects.length === 0 ||
    (objects.length === 1 && isRecord(objects[0]) && Object.keys(objects[0]).length === 0)
  )
    return { state: 'empty', html: '<p class="pd-empty">Nothing to show</p>' }
  const boxes: Markup[] = []
  for (const object of objects) {
    const rendered = renderObject(object, schema)
    if ('problem' in rendered) return broken(rendered.problem)
    boxes.push(rendered.box)
  }
  let footer: Markup | '' = ''
  if (body.external_link !== undefined) {
    const { url, label } = isRecord(body.external_link) ? body.external_link : {}
    const href = typeof url === 'string' ? httpUrl(url) : undefined
    if (href === undefined || typeof label !== 'string') return broken('invalid external_link')
    footer = externalLink(href, cut(label, LABEL_MAX), 'pd-external-link')
  }
  return { state: 'data', html: markup`${boxes}${footer}`.toString() }
}

function renderError(error: Record<string, unknown>): RenderedPanel | undefined {
  const { title, subtitle, action } = error
  if (typeof title !== 'string') return undefined
  if (subtitle !== undefined && typeof subtitle !== 'string') return undefined
  let button: Markup | '' = ''
  if (action !== undefined) {
    const href =
      isRecord(action) && typeof action.url === 'string' ? httpUrl(action.url) : undefined
    if (href === undefined || !isRecord(action) || typeof action.label !== 'string')
      return undefined
    button = externalLink(href, cut(action.label, LABEL_MAX), 'pd-error-action')
  }
  // The subtitle is Markdown to Pipedrive; here it stays text, so no answer can add markup.
  const sub =
    typeof subtitle === 'string'
      ? markup`<p class="pd-error-subtitle">${cut(subtitle, TEXT_MAX)}</p>`
      : ''
  return {
    state: 'error',
    html: markup`<div class="pd-error" role="alert"><p class="pd-error-title">${cut(title, ERROR_TITLE_MAX)}</p>${sub}${button}</div>`.toString(),
  }
}

export function renderJsonPanel(answer: PanelAnswer, schemaSource?: unknown): RenderedPanel {
  if ('failed' in answer) return broken(`the request failed: ${answer.failed}`)
  const schema = schemaSource === undefined ? undefined : readPanelSchema(schemaSource)
  if (schemaSource !== undefined && schema === undefined) return broken('unreadable schema')
  const { status, body } = answer
  if (!isRecord(body)) return broken(`HTTP ${status} with a body that is not an object`)
  // Pipedrive reads an error body only on a non-success status.
  if (status >= 300) {
    const error = isRecord(body.error) ? renderError(body.error) : undefined
    return error ?? broken(`HTTP ${status} without a valid error body`)
  }
  if (status < 200 || !('data' in body)) return broken(`HTTP ${status} without data`)
  return renderData(body, schema)
}
