/**
 * @module store/errors
 * The store's own failures, as RelayErrors so the HTTP layer and the CLI map them without knowing
 * the store. Messages are safe to show: they never carry secrets, database URLs or row contents.
 * Driver errors (a lost connection, a constraint the store did not anticipate) propagate as they
 * are; retrying them is the caller's decision.
 */
import type { z } from 'zod'

import { RelayError } from '../platform/errors.ts'

export interface InputIssue {
  /** Dotted path into the input, e.g. `zendesk.0.subdomain`. */
  readonly path: string
  readonly message: string
}

/** Input failed its schema; nothing was written. Not retryable: fix the input. */
export class InvalidInputError extends RelayError {
  constructor(
    readonly subject:
      | 'tenant'
      | 'api key'
      | 'link secret'
      | 'audit entry'
      | 'audit export'
      | 'presentation'
      | 'record URL'
      | 'tracking URL'
      | 'outbox message'
      | 'remembered choice'
      | 'site',
    readonly issues: readonly InputIssue[]
  ) {
    super('bad_request', `Invalid ${subject}: ${issues.map(formatIssue).join('; ')}`)
  }

  static fromZod(subject: InvalidInputError['subject'], error: z.ZodError): InvalidInputError {
    return new InvalidInputError(
      subject,
      error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }))
    )
  }
}

function formatIssue(issue: InputIssue): string {
  return issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`
}

/** The tenant an operation names does not exist (any more). Not retryable. */
export class UnknownTenantError extends RelayError {
  constructor(readonly tenantId: string) {
    super('not_found', 'No such tenant')
  }
}

/** A tenant with that id exists already; nothing was written (`update` changes one). */
export class TenantExistsError extends RelayError {
  constructor(readonly tenantId: string) {
    super('misconfigured', 'A tenant with that id exists already')
  }
}

/**
 * A host account (a Zendesk subdomain, a Pipedrive company…) is already claimed by another tenant:
 * one host account maps to exactly one tenant, or a request could read the wrong brand. Nothing was
 * written. `kind` is the host's label for its accounts.
 */
export class OwnershipConflictError extends RelayError {
  constructor(
    readonly kind: string,
    readonly value: string,
    readonly ownerTenantId: string
  ) {
    super('misconfigured', `That ${kind} already belongs to another tenant`)
  }
}

/**
 * A stored row does not have the shape the store writes: edited by hand, or written by a newer
 * relay. Not retryable; the message does not echo the row.
 */
export class StoreIntegrityError extends RelayError {
  constructor(
    readonly table: string,
    readonly column: string,
    init: { cause?: unknown } = {}
  ) {
    super('internal', `A stored ${table}.${column} value is malformed`, init)
  }
}

/**
 * A migration failed; on both dialects its DDL was rolled back with it. `(setup)` is the database
 * not opening at all (a missing folder, Postgres not answering), which the driver's reason says.
 */
export class MigrationError extends RelayError {
  constructor(
    readonly migrationName: string | undefined,
    cause: unknown
  ) {
    super(
      'internal',
      `Database migration ${migrationName ?? '(setup)'} failed: ${driverReason(cause)}`,
      { cause }
    )
  }
}

/**
 * The driver's own message ("unable to open database file", "connect ECONNREFUSED 127.0.0.1:5432"):
 * what an operator needs to fix it, and no secret. Anything shaped like a URL is cut out all the
 * same, since a Postgres URL carries its password.
 */
function driverReason(cause: unknown): string {
  const first = cause instanceof AggregateError ? (cause.errors[0] as unknown) : cause
  const message = first instanceof Error ? first.message : String(first)
  const code = (first as { code?: unknown } | undefined)?.code
  const text = message.trim() === '' && typeof code === 'string' ? code : message
  return text.replace(/[a-z][a-z0-9+.-]*:\/\/\S*/gi, '(a URL)').split('\n')[0] ?? ''
}

/** The database URL names neither SQLite nor Postgres. Fix the configuration. */
export class DatabaseUrlError extends RelayError {
  constructor(reason: string) {
    // The URL itself is left out on purpose: Postgres URLs carry passwords.
    super('misconfigured', `Unsupported database URL: ${reason}`)
  }
}

/**
 * The encryption key opens none of the secrets the database holds: they were sealed under another
 * key (a rotated one, or another environment's). Fix the configuration; nothing was written.
 */
export class WrongEncryptionKeyError extends RelayError {
  constructor() {
    super(
      'misconfigured',
      'RELAY_ENCRYPTION_KEY does not open the secrets in this database; was it rotated?'
    )
  }
}

/**
 * RELAY_AUDIT_KEY is not the key the database was set up with (audit-key-check.ts): every API key
 * would be refused and the audit log's hashes would not match. Nothing is read or written.
 */
export class WrongAuditKeyError extends RelayError {
  constructor() {
    super(
      'misconfigured',
      'RELAY_AUDIT_KEY is not the key this database was set up with: every API key would be refused and the audit log would not join up; set the original key'
    )
  }
}

/**
 * One sealed value does not open under the key that opens the others (a tampered or hand-copied
 * row): a key rotation stops there and changes nothing. Names the row by its key, never a secret.
 */
export class UnopenedSecretError extends RelayError {
  constructor(
    readonly table: string,
    readonly column: string,
    readonly rowKey: readonly string[],
    init: { cause?: unknown } = {}
  ) {
    super(
      'internal',
      `${table}.${column} of (${rowKey.join(', ')}) does not open under the current key`,
      init
    )
  }
}
