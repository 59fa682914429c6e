/**
 * @module pipedrive-host/viewer-token
 * The HS256 JWT Pipedrive signs for its extensions (reference/pipedrive.md §1.3, §2.4): the
 * viewer's `userId` and `companyId` as numbers, `iat`, and `exp`. Signed with hono's `sign`, as
 * the Zendesk host's proxy signs its tokens.
 */
import { sign } from 'hono/jwt'

/** Pipedrive's signed tokens live 5 minutes. */
export const VIEWER_TOKEN_SECONDS = 300

export interface Viewer {
  readonly userId: number
  readonly companyId: number
}

export function signViewerToken(
  secret: string,
  viewer: Viewer,
  nowSeconds: number,
  lifetimeSeconds = VIEWER_TOKEN_SECONDS
): Promise<string> {
  return sign(
    {
      userId: viewer.userId,
      companyId: viewer.companyId,
      iat: nowSeconds,
      exp: nowSeconds + lifetimeSeconds,
    },
    secret,
    'HS256'
  )
}
