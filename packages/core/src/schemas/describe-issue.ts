/**
 * @module schemas/describe-issue
 * One line saying where a response broke its schema and how. Core uses `zod/mini`, which ships no
 * message catalogue (that keeps browser bundles small), so a type mismatch is described here from
 * the issue's own fields rather than from a localised message.
 */
import type { z } from 'zod/mini'

export function describeSchemaIssue(error: z.core.$ZodError): string {
  const issue = error.issues[0]
  if (issue === undefined) return 'unknown'
  const where = issue.path.map(String).join('.') || '(root)'
  const what = issue.code === 'invalid_type' ? `expected ${issue.expected}` : issue.message
  return `${where}: ${what}`
}
