// The demo site's page script: reads the visitor's own context from the relay with the token the
// site's server signed, through the personalize helper, and shows it as text (never markup).
import { fetchVisitorContext } from '/personalize.js'

const config = JSON.parse(document.getElementById('visitor-config').textContent)
const section = document.getElementById('looked-at')
const status = section.querySelector('.status')
const products = section.querySelector('.products')
const audiences = document.getElementById('audiences')

function element(tag, className, text) {
  const node = document.createElement(tag)
  if (className) node.className = className
  if (text !== undefined) node.textContent = text
  return node
}

function price(product) {
  if (typeof product.price !== 'number') return ''
  if (!product.currency) return String(product.price)
  return new Intl.NumberFormat(undefined, { style: 'currency', currency: product.currency }).format(
    product.price
  )
}

function productCard(product) {
  const item = element('li', 'product')
  if (product.category) item.append(element('span', 'category', product.category))
  // The relay passes page URLs only as http(s); an attribute, never markup.
  const title = product.url ? element('a', '', product.name) : element('strong', '', product.name)
  if (product.url) title.href = product.url
  item.append(title)
  const viewed = new Date(product.lastViewedAt).toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
  })
  const times = product.viewCount === 1 ? 'once' : `${product.viewCount} times`
  item.append(
    element(
      'p',
      '',
      [price(product), `viewed ${times}, last on ${viewed}`].filter(Boolean).join(' · ')
    )
  )
  return item
}

try {
  const context = await fetchVisitorContext({
    relayUrl: config.relayUrl,
    token: config.token,
    limit: 4,
  })
  for (const name of context.audiences) audiences.append(element('li', '', name))
  const viewed = context.recommendations ?? []
  for (const product of viewed) products.append(productCard(product))
  status.dataset.state = 'done'
  status.textContent = !context.found
    ? 'We have not met you yet: look around and come back.'
    : viewed.length === 0
      ? 'Nothing you looked at is waiting for you.'
      : 'Still thinking about these?'
} catch (error) {
  status.dataset.state = 'error'
  status.textContent = `Could not load your recommendations (${error.code ?? error.message}).`
} finally {
  section.setAttribute('aria-busy', 'false')
}
