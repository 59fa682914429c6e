/** The benches' Zendesk installation: its shared secret, and agent JWTs signed with it as Zendesk's proxy would. */
import { randomBytes } from 'node:crypto'

import { sign } from 'hono/jwt'

export const ZENDESK = { subdomain: 'demo', secret: randomBytes(24).toString('base64url') }

/** The tenants file line that installs it (the secret by env reference). */
export const ZENDESK_TENANT_LINE = `zendesk: [{ subdomain: ${ZENDESK.subdomain}, sharedSecret: { env: BENCH_ZENDESK_SECRET } }]`

/** A JWT valid for 10 minutes. */
export async function zendeskToken(): Promise<string> {
  const iat = Math.floor(Date.now() / 1000)
  return sign(
    { iss: `https://${ZENDESK.subdomain}.zendesk.com`, sub: 'bench-agent', iat, exp: iat + 600 },
    ZENDESK.secret,
    'HS256'
  )
}
