/**
 * Where the suites under test/servers find their servers. They run only through
 * `pnpm test:servers` (`.ci/run` starts the servers and sets the variables), never in `pnpm test`,
 * which must pass on a machine that has only Node and npm. A missing variable fails the run with
 * what to do: a suite that skipped itself would pass without having tested anything.
 */
import process from 'node:process'

export function serverUrl(variable: string): string {
  const url = process.env[variable]
  if (url === undefined || url === '')
    throw new Error(
      `${variable} is not set. These suites need real servers: run .ci/run (it installs and ` +
        'starts them on loopback), or start your own and set the variable (docs/testing-servers.md).'
    )
  return url
}
