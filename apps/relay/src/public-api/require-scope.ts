/**
 * @module public-api/require-scope
 * An API key reaches only what its scopes name (store/api-key-store.ts). Host callers carry no
 * scopes and never reach these routes.
 */
import { RelayError } from '../platform/errors.ts'
import type { Caller } from '../platform/http/caller.ts'

/** @throws RelayError `forbidden` naming the missing scope. */
export function requireScope(caller: Caller, scope: string): void {
  if (caller.scopes?.includes(scope) !== true)
    throw new RelayError('forbidden', `This API key does not have the "${scope}" scope.`)
}
