/**
 * @module platform/http/basic-auth
 * HTTP Basic credentials compared in constant time: Pipedrive authenticates its uninstall and
 * visibility callbacks with the app's `client_id:client_secret`, and the JSON panel request with
 * the panel's optional HTTP Auth.
 */
import { sameSecret } from '../crypto/same-secret.ts'
import { UnauthenticatedError } from '../errors.ts'

/** @throws UnauthenticatedError `bad_basic_auth` unless the header carries exactly `expected`. */
export async function requireBasicAuth(
  header: string | undefined,
  expected: string
): Promise<void> {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '')
  let given = ''
  try {
    given = match?.[1] === undefined ? '' : atob(match[1])
  } catch {
    // Not base64: compared as empty, so refused below like any wrong credential.
  }
  if (!(await sameSecret(given, expected))) throw new UnauthenticatedError('bad_basic_auth')
}
