/**
 * @module demo-site/site-pages
 * The demo site's pages: Harbour & Pine's shop and journal as a customer's own website would show
 * them. Every value is escaped text (`markup`); the visitor's config is script JSON no value can
 * close. Nothing here knows the Intilery secret or the relay's API key: the server only renders
 * what its server-side call answered, and the browser gets a visitor token for one user.
 */
import { JOURNAL, type JournalPost } from '../seed/journal.ts'
import { markup, scriptJson, type Markup } from '../pipedrive-host/html.ts'

export interface DemoVisitor {
  /** The session value (`joe`, `eleanor`). */
  readonly key: string
  readonly userId: string
  readonly label: string
}

/** What the server's own `/v1/personalize` call answered, or why it could not. */
export type ServerPersonalization =
  | { readonly ok: true; readonly firstName?: string; readonly blogCategory?: string }
  | { readonly ok: false; readonly reason: string }

const layout = (title: string, body: Markup) => markup`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="/site.css">
</head>
<body>
<header class="top"><a class="brand" href="/">Harbour &amp; Pine</a><span class="tagline">Shop and journal · a demo site personalized through Intilery Connect</span></header>
<main>${body}</main>
</body>
</html>`

export function signInPage(visitors: readonly DemoVisitor[]): Markup {
  return layout(
    'Sign in · Harbour & Pine',
    markup`<h1>Sign in</h1>
<p>This demo site signs you in as one of the sandbox’s customers. Its server then asks the relay
for personalizations with its API key, and your browser reads your own context with a visitor
token the server signs for you.</p>
<form method="post" action="/sign-in" class="sign-in">
${visitors.map((v) => markup`<button name="who" value="${v.key}" type="submit">Sign in as ${v.label}</button>`)}
</form>`
  )
}

function postCard(post: JournalPost): Markup {
  return markup`<li class="post"><span class="category">${post.category}</span><a href="${post.path}">${post.title}</a><p>${post.summary}</p></li>`
}

/** The spec's example: posts chosen by the computed trait `favorite_blog_category`. */
function recommendedPosts(personalization: ServerPersonalization): Markup {
  if (!personalization.ok)
    return markup`<p class="status" data-state="error">Recommendations are unavailable right now (${personalization.reason}); here is the latest from the journal.</p>
<ul class="posts">${JOURNAL.slice(0, 3).map(postCard)}</ul>`
  const category = personalization.blogCategory
  const posts = category === undefined ? [] : JOURNAL.filter((post) => post.category === category)
  if (posts.length === 0)
    return markup`<p class="status">Read a post or two and we will pick more like them. The latest:</p>
<ul class="posts">${JOURNAL.slice(0, 3).map(postCard)}</ul>`
  return markup`<p class="status" data-category="${category}">Because you read about ${category}:</p>
<ul class="posts" id="recommended-posts">${posts.slice(0, 3).map(postCard)}</ul>`
}

export function homePage(options: {
  readonly visitor: DemoVisitor
  readonly personalization: ServerPersonalization
  readonly relayUrl: string
  readonly token: string
}): Markup {
  const { visitor, personalization } = options
  const name = personalization.ok ? (personalization.firstName ?? visitor.label) : visitor.label
  return layout(
    'Harbour & Pine',
    markup`<div class="hello"><h1>Hello, ${name}</h1>
<form method="post" action="/sign-out"><button type="submit">Sign out</button></form></div>
<section class="block" id="recommended" aria-labelledby="recommended-title">
<h2 id="recommended-title">Recommended posts</h2>
<p class="how">Chosen on this site’s server from your <code>favorite_blog_category</code> with one <code>POST /v1/personalize</code> (API key).</p>
${recommendedPosts(personalization)}
</section>
<section class="block" id="looked-at" aria-labelledby="looked-at-title" aria-busy="true">
<h2 id="looked-at-title">You looked at these</h2>
<p class="how">Read by your browser from <code>GET /v1/visitor/context</code> with a token signed for you alone.</p>
<p class="status" data-state="loading">Loading…</p>
<ul class="chips" id="audiences"></ul>
<ul class="products"></ul>
</section>
<script type="application/json" id="visitor-config">${scriptJson({ relayUrl: options.relayUrl, token: options.token })}</script>
<script type="module" src="/site.js"></script>`
  )
}
