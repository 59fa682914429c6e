/**
 * @module presentation
 * How customers are shown: the tenant's presentation settings (the contract with the relay), trait
 * keys as words, values by format, the compact header and recent orders.
 */
export * from './presentation-settings.ts'
export { MAX_HEADER_FIELDS, parseHeaderFieldKeys, withHeaderFields } from './header-fields.ts'
export { humanizeKey, KNOWN_FIELDS } from './humanize-key.ts'
export {
  formatFieldValue,
  guessFieldSpec,
  type FieldSpec,
  type FieldValueOptions,
} from './field-format.ts'
export {
  DEFAULT_HEADER_FACTS,
  defaultHeaderFields,
  headerFacts,
  localizedText,
  traitRowsFor,
  type HeaderFact,
  type TraitRow,
} from './header-facts.ts'
export {
  formatHeader,
  type AudienceChip,
  type FormatHeaderOptions,
  type FormattedHeader,
  type IdentityRow,
} from './format-header.ts'
export { MAX_RECENT_ORDERS, productNames, recentOrders, type RecentOrder } from './recent-orders.ts'
