/**
 * @module follow-height
 * Keeps the iframe as tall as the panel's content, within Pipedrive's 100–750 px: the content is
 * measured (not the page, which is exactly as tall as the iframe) and each new clamped height is
 * asked for once. Content taller than 750 px scrolls inside the page's own scroller.
 */
import { clampHeight } from './panel-height.ts'

export function followHeight(
  content: HTMLElement,
  resize: (height: number) => Promise<void>
): () => void {
  let last = 0
  const observer = new ResizeObserver(() => {
    const height = clampHeight(content.getBoundingClientRect().height)
    if (height === last) return
    last = height
    // A refused resize is a bug to see (an unhandled rejection), not something to retry.
    void resize(height)
  })
  observer.observe(content)
  return () => observer.disconnect()
}
