// The demo site plays the Profile API spec's personalization example (#16 item 4): its server
// renders "Recommended posts" from the signed-in customer's favorite_blog_category through
// `POST /v1/personalize`, and the customer's browser fills "You looked at these" from
// `GET /v1/visitor/context` with the token the site's server signed. A page on another origin
// holding the same token is refused by CORS.
import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'

import { watchPage } from '../src/browser.ts'
import { browserSuite } from '../src/browser-suite.ts'

const suite = browserSuite({ sandbox: 0, relay: 0, zendesk: 0 })

async function signIn(browser: Browser, siteUrl: string, who: string) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } })
  const page = await context.newPage()
  const watched = watchPage(page)
  await page.goto(siteUrl)
  await page.getByRole('button', { name: `Sign in as ${who}` }).click()
  await page.locator('#looked-at[aria-busy="false"]').waitFor()
  return { page, ...watched, close: () => context.close() }
}

describe('the demo site', () => {
  it('shows Joe Bloggs his recommended posts and the products he looked at', async () => {
    const { page } = suite.keep(await signIn(suite.browser, suite.demo.site.url, 'Joe Bloggs'))
    expect(await page.locator('h1').textContent()).toBe('Hello, Joe')
    expect(await page.locator('#recommended .status').textContent()).toBe(
      'Because you read about Outdoors:'
    )
    expect(await page.locator('#recommended-posts a').allTextContents()).toEqual([
      'A beginner’s trail guide',
      'Wild camping, lightly',
      'Three coastal walks for winter',
    ])
    const lookedAt = page.locator('#looked-at')
    expect(await lookedAt.locator('.status').getAttribute('data-state')).toBe('done')
    expect(await lookedAt.locator('.product a').allTextContents()).toEqual([
      'Trail Running Shoes',
      'Wool Beanie',
      'Waxed Field Jacket',
    ])
    expect(await lookedAt.locator('.product').first().textContent()).toMatch(
      /£109\.99 · viewed 2 times/
    )
  })

  it('shows the high-value shopper her own posts, products and audience', async () => {
    const { page } = suite.keep(
      await signIn(suite.browser, suite.demo.site.url, 'Eleanor Whitfield')
    )
    expect(await page.locator('#recommended .status').textContent()).toBe(
      'Because you read about Home:'
    )
    expect(await page.locator('#audiences li').allTextContents()).toEqual(['VIP shoppers'])
    const products = await page.locator('#looked-at .product a').allTextContents()
    // Looked at two days ago and not bought; newer views may come first.
    expect(products).toEqual(expect.arrayContaining(['Ceramic Vase', 'Wool Throw']))
    expect(products.length).toBeLessThanOrEqual(4)
    expect(products).not.toContain('Trail Running Shoes')
  })

  it('is refused by CORS when a page on another origin uses a visitor’s token', async () => {
    const { page } = suite.keep(await signIn(suite.browser, suite.demo.site.url, 'Joe Bloggs'))
    const config = JSON.parse((await page.locator('#visitor-config').textContent()) ?? '{}') as {
      relayUrl: string
      token: string
    }
    // The same request from the site's own origin succeeds…
    const own = await page.evaluate(
      async ({ relayUrl, token }) =>
        (
          await fetch(`${relayUrl}/v1/visitor/context`, {
            headers: { authorization: `Bearer ${token}` },
          })
        ).status,
      config
    )
    expect(own).toBe(200)
    // …and from another origin (the local Zendesk's page) the browser refuses it.
    const context = await suite.browser.newContext()
    const other = await context.newPage()
    const watched = watchPage(other)
    try {
      await other.goto(suite.demo.zendesk.url)
      const outcome = await other.evaluate(async ({ relayUrl, token }) => {
        try {
          const response = await fetch(`${relayUrl}/v1/visitor/context`, {
            headers: { authorization: `Bearer ${token}` },
          })
          return `read ${response.status}`
        } catch (error) {
          return `refused: ${(error as Error).name}`
        }
      }, config)
      expect(outcome).toBe('refused: TypeError')
      expect(watched.errors.join('\n')).toMatch(/CORS/)
    } finally {
      await context.close()
    }
  })
})
