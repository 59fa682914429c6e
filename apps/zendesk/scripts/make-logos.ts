/**
 * `pnpm --filter @intilery-connect/zendesk exec tsx scripts/make-logos.ts`: draws assets/logo.png
 * (320×320) and assets/logo-small.png (128×128): a blue rounded square with a white ring and dot,
 * antialiased. Run once; the PNGs are committed.
 */
import { writeFileSync } from 'node:fs'

import { encodePng } from './png.ts'

function logo(size: number) {
  const s = size
  const corner = s * 0.22
  return encodePng(s, s, (x, y) => {
    const px = x + 0.5
    const py = y + 0.5
    // Rounded square: distance outside the corner circles.
    const dx = Math.max(corner - px, px - (s - corner), 0)
    const dy = Math.max(corner - py, py - (s - corner), 0)
    const outside = Math.hypot(dx, dy) - corner
    const alpha = Math.round(255 * Math.min(1, Math.max(0, 0.5 - outside)))
    const r = Math.hypot(px - s / 2, py - s / 2)
    const ring = Math.abs(r - s * 0.28) < s * 0.06
    const dot = r < s * 0.1
    const white = ring || dot
    return white ? [255, 255, 255, alpha] : [31, 115, 183, alpha]
  })
}

const assets = new URL('../assets/', import.meta.url)
writeFileSync(new URL('logo.png', assets), logo(320))
writeFileSync(new URL('logo-small.png', assets), logo(128))
