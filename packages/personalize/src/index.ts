/** The browser helper (see visitor-context.ts). The token signer is `@intilery-connect/personalize/server`. */
export {
  fetchVisitorContext,
  VisitorContextError,
  type ViewedProduct,
  type VisitorContext,
  type VisitorContextOptions,
} from './visitor-context.ts'
