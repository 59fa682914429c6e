/**
 * @module pipedrive-host/json-panel-fields
 * One JSON panel field as Pipedrive shows it (reference/pipedrive.md §1.4), by the type its schema
 * property names (`"$ref": "#/definitions/<type>"`). A value of the wrong shape for its type is
 * what makes Pipedrive show "Something went wrong…" for the whole panel: `undefined` here.
 * Every value leaves as escaped text; links go to http(s) only.
 */
import { cut, externalLink, httpUrl, markup, type Markup } from './html.ts'

export const FIELD_TYPES = [
  'header',
  'text',
  'numerical',
  'date',
  'time',
  'date-time',
  'email',
  'phone',
  'address',
  'link',
  'currency',
  'label',
  'tags',
] as const
export type FieldType = (typeof FIELD_TYPES)[number]

/** Pipedrive cuts text at 255 characters and labels at 40. */
export const TEXT_MAX = 255
export const LABEL_MAX = 40
const LABEL_COLORS = new Set(['green', 'red', 'blue', 'yellow', 'purple', 'grey'])
const DATE = /^\d{4}-\d{2}-\d{2}$/
const TIME = /^\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?$/

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const text = (value: string) => markup`${cut(value, TEXT_MAX)}`

function link(value: unknown): Markup | undefined {
  const target = typeof value === 'string' ? { value } : value
  if (!isRecord(target) || typeof target.value !== 'string') return undefined
  if (target.label !== undefined && typeof target.label !== 'string') return undefined
  const shown = cut(typeof target.label === 'string' ? target.label : target.value, TEXT_MAX)
  const href = httpUrl(target.value)
  return href === undefined ? markup`${shown}` : externalLink(href, shown)
}

function currency(value: unknown): Markup | undefined {
  if (!isRecord(value) || typeof value.code !== 'string' || typeof value.value !== 'number')
    return undefined
  try {
    // The symbol where Intl knows the code, as Pipedrive substitutes known symbols.
    const shown = new Intl.NumberFormat('en', { style: 'currency', currency: value.code })
    return markup`${shown.format(value.value)}`
  } catch {
    return markup`${value.code} ${value.value}`
  }
}

function label(value: unknown): Markup | undefined {
  if (!isRecord(value) || typeof value.label !== 'string' || typeof value.color !== 'string')
    return undefined
  const color = LABEL_COLORS.has(value.color) ? value.color : 'grey'
  return markup`<span class="pd-label pd-label-${color}">${cut(value.label, LABEL_MAX)}</span>`
}

function tags(value: unknown): Markup | undefined {
  if (!Array.isArray(value) || !value.every((tag) => typeof tag === 'string')) return undefined
  // Space-separated, one line of tags: hono's template joins an interpolated array with nothing.
  return markup`${value.map((tag: string, i) => [
    i === 0 ? '' : ' ',
    markup`<span class="pd-tag">${text(tag)}</span>`,
  ])}`
}

/**
 * The field's value as HTML, or undefined when the value does not fit its type. `null` is an
 * empty field, as Pipedrive shows one.
 */
export function renderField(type: FieldType, value: unknown): Markup | undefined {
  if (value === null) return markup``
  switch (type) {
    case 'header':
    case 'email':
    case 'phone':
    case 'address':
      return typeof value === 'string' ? text(value) : undefined
    case 'text':
      if (typeof value === 'string') return text(value)
      // Markdown is shown as its text here: the host never turns answer data into markup.
      if (isRecord(value) && value.markdown === true && typeof value.value === 'string')
        return text(value.value)
      return undefined
    case 'numerical':
      return typeof value === 'number' && Number.isFinite(value)
        ? markup`${String(value)}`
        : undefined
    case 'date':
      return typeof value === 'string' && DATE.test(value) ? markup`${value}` : undefined
    case 'time':
      return typeof value === 'string' && TIME.test(value) ? markup`${value}` : undefined
    case 'date-time':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value))
        ? markup`${new Date(value).toISOString().replace('T', ' ').slice(0, 16)}`
        : undefined
    case 'link':
      return link(value)
    case 'currency':
      return currency(value)
    case 'label':
      return label(value)
    case 'tags':
      return tags(value)
  }
}

/** The type a value looks like, for panels rendered without their schema. */
export function guessType(value: unknown): FieldType {
  if (typeof value === 'number') return 'numerical'
  if (Array.isArray(value)) return 'tags'
  if (isRecord(value)) {
    if ('color' in value) return 'label'
    if ('code' in value) return 'currency'
    if ('markdown' in value) return 'text'
    return 'link'
  }
  return 'text'
}
