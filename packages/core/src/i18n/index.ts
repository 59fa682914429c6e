/**
 * @module i18n
 * Catalogues, locale resolution and the ICU-subset message formatter.
 */
// The value builders in message.ts (money, date, message) stay internal: too generic for the root.
export {
  dateValueSchema,
  detailRowSchema,
  labelSchema,
  messageSchema,
  messageValueSchema,
  moneyValueSchema,
  type DateValue,
  type DetailRow,
  type Label,
  type Message,
  type MessageValue,
  type MoneyValue,
} from './message.ts'
export {
  catalogueLoaders,
  loadCatalogue,
  loadedCatalogue,
  SUPPORTED_LOCALES,
  type Catalogue,
  type MessageId,
  type SupportedLocale,
  type Translation,
} from './catalogues/index.ts'
export {
  CatalogueNotLoadedError,
  createTranslator,
  isLocaleLoaded,
  loadLocale,
  resolveLocale,
  resolveLocaleTag,
  t,
  type ResolvedLocale,
  type TranslateOptions,
  type Translator,
} from './locale.ts'
export {
  compileMessage,
  formatMessage,
  renderMessage,
  type CompiledMessage,
  type MessageValues,
  type RenderContext,
} from './format-message.ts'
export {
  parseMessage,
  argumentNames,
  MessageSyntaxError,
  type MessagePart,
} from './message-syntax.ts'
export { formatValue, truncate, type ValueContext } from './format-value.ts'
