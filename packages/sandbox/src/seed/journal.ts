/**
 * @module seed/journal
 * Harbour & Pine's journal (the shop's blog), each post in one category. Reading posts gives a
 * customer the `favorite_blog_category` computed trait (computed-traits.ts), which the demo site's
 * "Recommended posts" is chosen by, as in the Profile API spec's personalization example.
 */
import { SHOP_ORIGIN } from './catalog.ts'

export interface JournalPost {
  readonly path: string
  readonly title: string
  readonly category: string
  readonly summary: string
}

export const JOURNAL: readonly JournalPost[] = [
  {
    path: '/journal/trail-guide',
    title: 'A beginner’s trail guide',
    category: 'Outdoors',
    summary: 'Five routes, one pair of shoes, and what to pack for each.',
  },
  {
    path: '/journal/wild-camping',
    title: 'Wild camping, lightly',
    category: 'Outdoors',
    summary: 'Leave nothing but footprints: a kit list for a first night out.',
  },
  {
    path: '/journal/coastal-walks',
    title: 'Three coastal walks for winter',
    category: 'Outdoors',
    summary: 'Wind, light and a flask of tea on Britain’s shortest days.',
  },
  {
    path: '/journal/slow-mornings',
    title: 'Slow mornings',
    category: 'Home',
    summary: 'Linen, candlelight and the case for a second cup.',
  },
  {
    path: '/journal/linen-guide',
    title: 'Why linen gets better with age',
    category: 'Home',
    summary: 'How to wash, dry and live with the fabric that softens every year.',
  },
  {
    path: '/journal/winter-bedding',
    title: 'Dressing a bed for winter',
    category: 'Home',
    summary: 'Wool under linen, and the throw that does the work of a duvet.',
  },
  {
    path: '/journal/gift-guide',
    title: 'The gift guide',
    category: 'Gifts',
    summary: 'Small, well-made things for the people who have everything.',
  },
  {
    path: '/journal/layering',
    title: 'The art of layering',
    category: 'Style',
    summary: 'Merino, cotton and a waxed jacket: one outfit for four seasons.',
  },
  {
    path: '/journal/cast-iron-care',
    title: 'Caring for cast iron',
    category: 'Kitchen',
    summary: 'Seasoning, cleaning and the one thing never to do to a skillet.',
  },
]

const shopTitle = (text: string) => `${text} | Harbour & Pine`

/** A post as a page of the shop, for page views. */
export function journalPage(post: JournalPost): { path: string; title: string } {
  return { path: post.path, title: shopTitle(`Journal: ${post.title}`) }
}

/** The post a page view's URL is of, if it is a journal post's. */
export function journalPostAt(url: unknown): JournalPost | undefined {
  if (typeof url !== 'string' || !url.startsWith(`${SHOP_ORIGIN}/journal/`)) return undefined
  const path = url.slice(SHOP_ORIGIN.length).split(/[?#]/)[0]
  return JOURNAL.find((post) => post.path === path)
}
