/**
 * The benches' tenants file: one tenant `bench` reading the sandbox, its Intilery token by env
 * reference (`BENCH_INTILERY_TOKEN`), plus whatever installs a bench adds (YAML lines).
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

import type { RunningSandbox } from '@intilery-connect/sandbox'

/** @returns the file's path. */
export function writeBenchTenants(
  dir: string,
  sandbox: RunningSandbox,
  name: string,
  extraLines: readonly string[]
): string {
  const file = join(dir, 'tenants.yaml')
  const { clientId, accountId, brandId } = sandbox.config
  writeFileSync(
    file,
    [
      'tenants:',
      '  - id: bench',
      `    name: ${name}`,
      `    intilery: { baseUrl: "${sandbox.url}", clientId: ${clientId}, accountId: ${accountId}, brandId: ${brandId}, authToken: { env: BENCH_INTILERY_TOKEN } }`,
      ...extraLines.map((line) => `    ${line}`),
      '',
    ].join('\n')
  )
  return file
}
