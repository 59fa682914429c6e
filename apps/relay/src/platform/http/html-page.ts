/**
 * @module platform/http/html-page
 * The few pages the relay shows people (Pipedrive install results, the setup page): plain HTML
 * through hono/html, which escapes every interpolated value, one nonce'd style block, forms posting
 * only to the relay itself, and never framed.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { html } from 'hono/html'
import type { HtmlEscapedString } from 'hono/utils/html'
import { NONCE, secureHeaders } from 'hono/secure-headers'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

import { mapError } from './error-response.ts'
import { noteFailure } from './failure-note.ts'

export const pageHeaders: MiddlewareHandler = secureHeaders({
  referrerPolicy: 'no-referrer',
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    styleSrc: [NONCE],
    formAction: ["'self'"],
    baseUri: ["'none'"],
    frameAncestors: ["'none'"],
  },
})

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1b1f23}
h1{font-size:1.3rem}label{display:block;margin:1rem 0 .25rem;font-weight:600}
input{width:100%;padding:.5rem;font:inherit;box-sizing:border-box}button{margin-top:1rem;padding:.5rem 1rem;font:inherit;background:#017737;color:#fff;border:0;border-radius:4px}
.error{color:#a61c1c}.muted{color:#5d6670}code{background:#f1f3f5;padding:0 .2rem}`

/** A failure as a page for people: the relay's safe message, never a stack or a secret. */
export function errorPage(c: Context, error: unknown): Response | Promise<Response> {
  noteFailure(c, error)
  const mapped = mapError(error)
  return htmlPage(
    c,
    mapped.status,
    mapped.status === 401 ? 'This link is not valid' : 'Something is not right',
    html`<p>${mapped.message}</p>`
  )
}

export function htmlPage(
  c: Context,
  status: ContentfulStatusCode,
  title: string,
  body: HtmlEscapedString | Promise<HtmlEscapedString>
): Response | Promise<Response> {
  const nonce: string = c.get('secureHeadersNonce') ?? ''
  return c.html(
    html`<!doctype html>
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>${title} · Intilery Connect</title>
          <style nonce="${nonce}">
            ${STYLE}
          </style>
        </head>
        <body>
          <h1>${title}</h1>
          ${body}
        </body>
      </html>`,
    status,
    { 'cache-control': 'no-store' }
  )
}
