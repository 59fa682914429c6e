/**
 * @module i18n/format-message
 * Renders ICU-subset messages (syntax: ./message-syntax.ts) with typed values. Each message is parsed
 * once and the parsed form is cached per (locale, id), so a timeline of thousands of rows only walks
 * small trees. Rendering never throws: missing values are empty, a message that fails to parse is
 * shown as its raw text (catalogue tests make sure none does), and values are data shown as text.
 */
import type { MessageValue } from './message.ts'
import { formatNumber, formatValue, type ValueContext } from './format-value.ts'
import { pluralRules } from './intl-cache.ts'
import { parseMessage, type MessagePart } from './message-syntax.ts'

export type MessageValues = Readonly<Record<string, MessageValue | undefined>>

export interface RenderContext extends ValueContext {
  /**
   * Locale whose plural rules pick `one`/`few`/`other`: the catalogue's, because its translators
   * wrote the cases for that language (Intl formats numbers with `locale`, e.g. `pt-PT`).
   */
  readonly pluralLocale?: string | undefined
}

export type CompiledMessage = readonly MessagePart[]

/** Catalogue messages by catalogue, then id: two map reads per lookup, no key strings built. */
const byCatalogue = new Map<string, Map<string, CompiledMessage>>()
/** Ad-hoc patterns (not from a catalogue) are cached too, but boundedly: they may come from data. */
const adhoc = new Map<string, CompiledMessage>()
const MAX_ADHOC = 500

/** Parses `pattern`, or treats it as plain text when it is not valid in the subset. */
export function compileMessage(pattern: string): CompiledMessage {
  try {
    return parseMessage(pattern)
  } catch {
    return [pattern]
  }
}

/**
 * The compiled form of catalogue message `id` in `catalogue`: as given when the catalogue was
 * compiled at build time, else parsed on first use.
 */
export function compiledFor(
  catalogue: string,
  id: string,
  pattern: string | CompiledMessage
): CompiledMessage {
  if (typeof pattern !== 'string') return pattern
  let messages = byCatalogue.get(catalogue)
  if (messages === undefined) {
    messages = new Map()
    byCatalogue.set(catalogue, messages)
  }
  let parts = messages.get(id)
  if (parts === undefined) {
    parts = compileMessage(pattern)
    messages.set(id, parts)
  }
  return parts
}

/** Formats an ICU-subset `pattern` directly (cached by its text). */
export function formatMessage(
  pattern: string,
  values: MessageValues | undefined,
  context: RenderContext
): string {
  let parts = adhoc.get(pattern)
  if (parts === undefined) {
    parts = compileMessage(pattern)
    if (adhoc.size >= MAX_ADHOC) adhoc.clear()
    adhoc.set(pattern, parts)
  }
  return renderMessage(parts, values, context)
}

/** Renders compiled parts with `values`. */
export function renderMessage(
  parts: CompiledMessage,
  values: MessageValues | undefined,
  context: RenderContext
): string {
  // The common case, a message without arguments, is one string: no walk, no allocation.
  if (parts.length === 1 && typeof parts[0] === 'string') return parts[0]
  return render(parts, values ?? {}, context, undefined)
}

/** Own properties only: a message argument named `constructor` must not read Object.prototype. */
function valueOf(values: MessageValues, name: string): MessageValue | undefined {
  return Object.hasOwn(values, name) ? values[name] : undefined
}

function render(
  parts: readonly MessagePart[],
  values: MessageValues,
  context: RenderContext,
  pound: string | undefined
): string {
  let out = ''
  for (const part of parts) {
    if (typeof part === 'string') {
      out += part
      continue
    }
    switch (part.type) {
      case 'pound':
        out += pound ?? '#'
        break
      case 'argument':
        out += formatValue(valueOf(values, part.name), context)
        break
      case 'select': {
        const value = valueOf(values, part.name)
        const key = typeof value === 'object' || value === undefined ? 'other' : String(value)
        const body = part.cases.get(key) ?? part.cases.get('other') ?? []
        // `#` belongs to the plural directly around it only (ICU), so it does not reach in here.
        out += render(body, values, context, undefined)
        break
      }
      case 'plural': {
        const value = valueOf(values, part.name)
        const n =
          typeof value === 'number'
            ? value
            : typeof value === 'string' && value.trim() !== ''
              ? Number(value)
              : NaN
        if (!Number.isFinite(n)) {
          // Missing or not a number: the general case, with an empty `#`.
          out += render(part.cases.get('other') ?? [], values, context, '')
          break
        }
        const rules = pluralRules(context.pluralLocale ?? context.locale, part.ordinal)
        const body =
          part.exact.get(n) ?? part.cases.get(rules.select(n)) ?? part.cases.get('other') ?? []
        out += render(body, values, context, formatNumber(n, context.locale))
        break
      }
    }
  }
  return out
}
