/**
 * @module sign-visitor-token
 * The site's server side: an HS256 JWT for its signed-in visitor, signed with the site's secret
 * (`relay sites add` prints it). WebCrypto only, so the same code runs in Node 20+, Deno, Bun and
 * edge runtimes. The claims, for any other language:
 *   header  { "alg": "HS256", "typ": "JWT" }
 *   payload { "iss": "<site id>", "sub": "<the visitor's userId>", "iat": <now, s>, "exp": <iat + at most 3600> }
 * Sign only for a visitor your server has signed in: whoever holds the token reads their data.
 */

/** The relay refuses tokens that live longer. */
export const MAX_LIFETIME_SECONDS = 3600

export interface VisitorTokenInput {
  /** The site's id (`iss`). */
  readonly siteId: string
  /** The site's signing secret. Server-side only: never send it to a browser. */
  readonly secret: string
  /** The signed-in visitor's userId as Intilery knows it (`sub`). */
  readonly userId: string
  /** Default 15 minutes; at most an hour. */
  readonly lifetimeSeconds?: number
  /** Epoch milliseconds; for tests. */
  readonly now?: number
}

const encoder = new TextEncoder()

function base64Url(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

const part = (value: object) => base64Url(encoder.encode(JSON.stringify(value)))

/** @throws RangeError for a lifetime outside 1..3600 s, or an empty site id, secret or userId. */
export async function signVisitorToken(input: VisitorTokenInput): Promise<string> {
  const lifetime = input.lifetimeSeconds ?? 900
  if (!(Number.isInteger(lifetime) && lifetime >= 1 && lifetime <= MAX_LIFETIME_SECONDS))
    throw new RangeError(`lifetimeSeconds must be a whole number from 1 to ${MAX_LIFETIME_SECONDS}`)
  for (const [name, value] of Object.entries({
    siteId: input.siteId,
    secret: input.secret,
    userId: input.userId,
  }))
    if (value.trim() === '') throw new RangeError(`${name} must not be empty`)
  const iat = Math.floor((input.now ?? Date.now()) / 1000)
  const signingInput = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({
    iss: input.siteId,
    sub: input.userId,
    iat,
    exp: iat + lifetime,
  })}`
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(input.secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign']
  )
  const signature = await crypto.subtle.sign('HMAC', key, encoder.encode(signingInput))
  return `${signingInput}.${base64Url(new Uint8Array(signature))}`
}
