/**
 * @module i18n/message
 * What the timeline and profile builders produce instead of text: a message id plus typed values,
 * localised only at render time. Values are data (never HTML); the renderer shows them as text.
 */
import { z } from 'zod/mini'

/** An amount of money; formatted with Intl.NumberFormat in the viewer's locale. */
export const moneyValueSchema = z.object({
  type: z.literal('money'),
  amount: z.number(),
  currency: z.string(),
})
/** An instant; formatted with Intl.DateTimeFormat in the viewer's locale and time zone. */
export const dateValueSchema = z.object({ type: z.literal('date'), at: z.string() })

export const messageValueSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  moneyValueSchema,
  dateValueSchema,
])
export type MessageValue = z.infer<typeof messageValueSchema>
export type MoneyValue = z.infer<typeof moneyValueSchema>
export type DateValue = z.infer<typeof dateValueSchema>

export const messageSchema = z.object({
  id: z.string(),
  values: z.optional(z.record(z.string(), messageValueSchema)),
})
/** A message id from the catalogue and the values its placeholders take. */
export type Message = z.infer<typeof messageSchema>

/** A detail row's label: a catalogue message, or text taken from the data (a property name). */
export const labelSchema = z.union([z.object({ id: z.string() }), z.object({ text: z.string() })])
export type Label = z.infer<typeof labelSchema>

export const detailRowSchema = z.object({ label: labelSchema, value: messageValueSchema })
export type DetailRow = z.infer<typeof detailRowSchema>

export const money = (amount: number, currency: string): MoneyValue => ({
  type: 'money',
  amount,
  currency,
})
export const date = (at: string): DateValue => ({ type: 'date', at })
export const message = (id: string, values?: Record<string, MessageValue>): Message =>
  values === undefined ? { id } : { id, values }
