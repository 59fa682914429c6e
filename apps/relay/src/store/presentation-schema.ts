/**
 * @module store/presentation-schema
 * A tenant's presentation settings at the relay's door (tenants file, CLI, store): core's
 * presentationSchema, the agreed contract, plus what an operator's file needs on top of it. Core's
 * schema drops keys it does not know (so an older app reads a newer relay's answer), which in an
 * admin's file would turn a typo (`headers:`) into a silent no-op: unknown keys are refused here.
 * Core uses zod/mini, which has no messages ("Invalid input"), so each issue is said in words,
 * with where it is (`header field 2, format`) rather than a path of indexes.
 */
import {
  headerFieldSchema,
  panelDisplaySchema,
  presentationSchema,
  type Presentation,
} from '@intilery-connect/core'
import type { z } from 'zod/mini'

import { InvalidInputError, type InputIssue } from './errors.ts'

type Issue = z.core.$ZodIssue
type Path = readonly PropertyKey[]

/** Where an issue is, in words: `header field 2, label for "de"`, `pinned trait 3`; '' for the whole. */
export function pathInWords(path: Path): string {
  const [first, second, third, fourth] = path
  if (first === undefined) return ''
  if (first === 'header' && typeof second === 'number') {
    const field = `header field ${second + 1}`
    if (third === undefined) return field
    if (third === 'label' && fourth !== undefined) return `${field}, label for "${String(fourth)}"`
    return `${field}, ${String(third)}`
  }
  if (first === 'pinned' && typeof second === 'number') return `pinned trait ${second + 1}`
  if (first === 'audienceNames' && second !== undefined) {
    const name = `the name of audience "${String(second)}"`
    return third === undefined ? name : `${name}, for "${String(third)}"`
  }
  return path.map(String).join('.')
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'a text',
  array: 'a list',
  object: 'a mapping (key: value)',
  record: 'a mapping (key: value)',
  number: 'a number',
}

const LABEL_WORDS =
  'must be a text (1 to 80 characters), or one text per locale such as { en: Lifetime value, de: Kundenwert }'

/** What is wrong, in words; the field's own rule where the issue alone says too little. */
export function issueInWords(issue: Issue): string {
  const last = issue.path.at(-1)
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}`
    case 'too_small':
      return issue.origin === 'string'
        ? Number(issue.minimum) <= 1
          ? 'must not be empty'
          : `must be at least ${String(issue.minimum)} characters`
        : `must have at least ${String(issue.minimum)} entries`
    case 'too_big':
      return issue.origin === 'string'
        ? `must be at most ${String(issue.maximum)} characters`
        : `must have at most ${String(issue.maximum)} entries`
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`
    case 'invalid_format':
      return last === 'currency'
        ? 'must be a three-letter ISO 4217 code in capitals, e.g. GBP'
        : 'does not have the expected form'
    case 'invalid_union':
      return issue.path.includes('label') || issue.path[0] === 'audienceNames'
        ? LABEL_WORDS
        : 'is not one of the accepted forms'
    case 'invalid_key':
      return 'has a key that is too long or too short'
    default:
      return issue.message
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function unknownKeys(value: unknown, known: readonly string[], path: Path): InputIssue[] {
  if (!isRecord(value)) return []
  const extra = Object.keys(value).filter((key) => !known.includes(key))
  return extra.length === 0
    ? []
    : [
        {
          path: pathInWords(path),
          message: `unknown setting${extra.length > 1 ? 's' : ''} ${extra.join(', ')} (known: ${known.join(', ')})`,
        },
      ]
}

/**
 * @throws InvalidInputError (subject `presentation`) naming each wrong field in words, unknown keys
 *   included; nothing is written.
 */
export function parsePresentation(raw: unknown): Presentation {
  const parsed = presentationSchema.safeParse(raw)
  const issues: InputIssue[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({
        path: pathInWords(issue.path),
        message: issueInWords(issue),
      }))
  issues.push(...unknownKeys(raw, Object.keys(presentationSchema.shape), []))
  const header = isRecord(raw) && Array.isArray(raw.header) ? (raw.header as unknown[]) : []
  header.forEach((field, i) =>
    issues.push(...unknownKeys(field, Object.keys(headerFieldSchema.shape), ['header', i]))
  )
  if (!parsed.success || issues.length > 0) throw new InvalidInputError('presentation', issues)
  return parsed.data
}

/**
 * A record link template (`https://…{id}…`): https, `{id}` where the Intilery id goes, and a URL
 * once it is filled in.
 * @throws InvalidInputError (subject `record URL`).
 */
export function parseRecordUrl(raw: unknown): string {
  const refuse = (message: string) =>
    new InvalidInputError('record URL', [{ path: 'recordUrl', message }])
  const checked = panelDisplaySchema.shape.recordUrl.safeParse(raw)
  if (typeof raw !== 'string' || !checked.success || checked.data === undefined)
    throw refuse(
      'must be an https address of at most 500 characters containing {id}, e.g. https://crm.example.com/customers/{id}'
    )
  try {
    const url = new URL(checked.data.replaceAll('{id}', 'id'))
    if (url.protocol !== 'https:' || url.hostname === '') throw new Error('not https')
  } catch {
    throw refuse('is not a web address once {id} is filled in')
  }
  return checked.data
}
