/**
 * @module platform/metrics/operator-token
 * The operator's token (`RELAY_METRICS_TOKEN`), sent as `Authorization: Bearer <token>`: it opens
 * `/metrics` and the per-tenant detail of `/readyz`. Compared in constant time (sameSecret).
 */
import { sameSecret } from '../crypto/same-secret.ts'
import { bearerToken } from '../http/bearer-token.ts'

/** `none`: no token was sent; `wrong`: one was, and it is not the operator's. */
export async function operatorTokenCheck(
  header: string | undefined,
  expected: string
): Promise<'ok' | 'wrong' | 'none'> {
  const given = bearerToken(header)
  if (given === undefined) return 'none'
  return (await sameSecret(given, expected)) ? 'ok' : 'wrong'
}
