/** For the site's server: signs a visitor token (see sign-visitor-token.ts). */
export {
  MAX_LIFETIME_SECONDS,
  signVisitorToken,
  type VisitorTokenInput,
} from './sign-visitor-token.ts'
