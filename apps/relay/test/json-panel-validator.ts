/**
 * Checks relay answers the way Pipedrive does: the data structure we upload
 * (apps/pipedrive/json-panel/data-structure.json) with Pipedrive's field type definitions, strict
 * (an undeclared property or a wrong type breaks the whole panel), plus the response envelope
 * (`data`, `external_link`, `settings`) and the error format. The definitions follow Pipedrive's
 * documented field types (shared/reference/pipedrive.md §1.4), including its length limits.
 */
import { readFileSync } from 'node:fs'

import { Ajv, type ErrorObject } from 'ajv'

const dataStructure: unknown = JSON.parse(
  readFileSync(new URL('../../pipedrive/json-panel/data-structure.json', import.meta.url), 'utf8')
)

const text255 = { type: 'string', maxLength: 255 }
const definitions = {
  header: text255,
  numerical: { type: 'number' },
  text: {
    oneOf: [
      text255,
      {
        type: 'object',
        additionalProperties: false,
        required: ['markdown', 'value'],
        properties: { markdown: { const: true }, value: text255 },
      },
    ],
  },
  date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
  time: { type: 'string', pattern: '^\\d{2}:\\d{2}:\\d{2}' },
  'date-time': {
    type: 'string',
    pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$',
  },
  email: text255,
  phone: text255,
  address: text255,
  link: {
    oneOf: [
      { type: 'string', pattern: '^https?://' },
      {
        type: 'object',
        additionalProperties: false,
        required: ['value', 'external'],
        properties: {
          label: { type: 'string', maxLength: 40 },
          value: { type: 'string', pattern: '^https?://' },
          external: { const: true },
        },
      },
    ],
  },
  currency: {
    type: 'object',
    additionalProperties: false,
    required: ['code', 'value'],
    properties: { code: { type: 'string', pattern: '^[A-Z]{3}$' }, value: { type: 'number' } },
  },
  label: {
    type: 'object',
    additionalProperties: false,
    required: ['color', 'label'],
    properties: {
      color: { enum: ['green', 'red', 'blue', 'yellow', 'purple', 'grey'] },
      label: { type: 'string', maxLength: 40 },
    },
  },
  tags: { type: 'array', items: { type: 'string', maxLength: 40 } },
}

/** Pipedrive's default for uploaded structures: nothing beyond the declared properties. */
function strict(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strict)
  if (schema === null || typeof schema !== 'object') return schema
  const copy: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(schema)) {
    // `label` is Pipedrive's display annotation on a field, not a JSON Schema keyword.
    if (key === 'label' && typeof value === 'string') continue
    copy[key] = strict(value)
  }
  if (copy.type === 'object' && copy.additionalProperties === undefined)
    copy.additionalProperties = false
  return copy
}

/**
 * One object schema serves every object, and Pipedrive allows an object 20 fields besides its
 * header: a data structure declaring more could not be filled without breaking that limit.
 */
const declared = Object.keys(
  (dataStructure as { items: { properties: Record<string, unknown> } }).items.properties
).filter((key) => key !== 'header')
if (declared.length > 20)
  throw new Error(`data-structure.json declares ${declared.length} fields besides the header`)

const ajv = new Ajv({ allErrors: true, strict: true })

const panelSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['data'],
  properties: {
    data: { ...(strict(dataStructure) as object), maxItems: 10 },
    external_link: {
      type: 'object',
      additionalProperties: false,
      required: ['url', 'label'],
      properties: {
        url: { type: 'string', pattern: '^https?://' },
        label: { type: 'string', maxLength: 40 },
      },
    },
    settings: {
      type: 'object',
      additionalProperties: false,
      required: ['url'],
      properties: { url: { type: 'string' } },
    },
  },
  definitions,
}

const errorSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      additionalProperties: false,
      required: ['title'],
      properties: {
        title: { type: 'string', minLength: 1, maxLength: 30 },
        subtitle: { type: 'string' },
        action: {
          type: 'object',
          additionalProperties: false,
          required: ['url', 'label'],
          properties: { url: { type: 'string', pattern: '^https?://' }, label: { type: 'string' } },
        },
      },
    },
  },
}

const validatePanel = ajv.compile(panelSchema)
const validateError = ajv.compile(errorSchema)

const describe = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ')

/** @throws Error naming every violation when `body` is not a panel Pipedrive would render. */
export function assertValidPanel(body: unknown): void {
  if (!validatePanel(body)) throw new Error(`invalid JSON panel: ${describe(validatePanel.errors)}`)
  const data = (body as { data: Record<string, unknown>[] }).data
  for (const object of data) {
    const fields = Object.keys(object).filter((k) => k !== 'header')
    if (fields.length > 20) throw new Error(`invalid JSON panel: ${fields.length} fields`)
  }
}

/** @throws Error when `body` is not Pipedrive's panel error format. */
export function assertValidPanelError(body: unknown): void {
  if (!validateError(body))
    throw new Error(`invalid panel error: ${describe(validateError.errors)}`)
}
