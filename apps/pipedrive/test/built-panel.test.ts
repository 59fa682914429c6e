// The built panel page is one file that runs under the relay's CSP (script and style only by
// nonce, nothing from anywhere else): every script and style carries the nonce placeholder, and
// nothing in it loads a URL, runs from an attribute, or styles through an attribute.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildPanel, NONCE_PLACEHOLDER, type BuiltPanel } from '../scripts/build-panel.ts'

const work = mkdtempSync(join(tmpdir(), 'pipedrive-panel-'))
let built: BuiltPanel
beforeAll(async () => {
  built = await buildPanel({ outDir: join(work, 'dist') })
}, 60_000)
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** The markup outside the inlined script and style (their code may mention anything). */
const markup = () =>
  built.html
    .replace(/(<script\b[^>]*>)[\s\S]*?(<\/script>)/gi, '$1$2')
    .replace(/(<style\b[^>]*>)[\s\S]*?(<\/style>)/gi, '$1$2')

describe('the built panel page', () => {
  it('is written to the out dir as panel.html', () => {
    expect(built.file).toBe(join(work, 'dist', 'panel.html'))
    expect(readFileSync(built.file, 'utf8')).toBe(built.html)
  })

  it('inlines one module script and one style, each with the nonce placeholder', () => {
    const scripts = built.html.match(/<script\b[^>]*>/gi) ?? []
    const styles = built.html.match(/<style\b[^>]*>/gi) ?? []
    expect(scripts).toEqual([`<script type="module" nonce="${NONCE_PLACEHOLDER}">`])
    expect(styles).toEqual([`<style nonce="${NONCE_PLACEHOLDER}">`])
    // Both have content: the real bundle and styles, not an empty template.
    expect(built.scriptBytes).toBeGreaterThan(50_000)
    expect(built.html).toMatch(/\.ic-theme-pipedrive\.ic-dark\{/)
  })

  it('loads nothing from a URL and has no inline handlers or style attributes', () => {
    const html = markup()
    expect(html).not.toMatch(/\s(src|href|srcset|action|poster|data)\s*=/i)
    expect(html).not.toMatch(/<link\b/i)
    expect(html).not.toMatch(/\son[a-z]+\s*=/i)
    expect(html).not.toMatch(/\sstyle\s*=/i)
    // In the code, URLs appear only as XML namespace names (preact's, for SVG and MathML).
    const urls = built.html.match(/https?:\/\/[^\s"'`)]+/g) ?? []
    expect(urls.filter((url) => !url.startsWith('http://www.w3.org/'))).toEqual([])
  })

  it('keeps the inlined code from ending its element early', () => {
    const inside = (tag: string) =>
      new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*)</${tag}>`, 'i').exec(built.html)?.[1] ?? ''
    expect(inside('script')).not.toMatch(/<\/script/i)
    expect(inside('style')).not.toMatch(/<\/style/i)
    expect(built.html).not.toContain('__PANEL_JS__')
    expect(built.html).not.toContain('__PANEL_CSS__')
  })

  it('reports the inlined script’s gzip size', () => {
    expect(built.scriptGzipBytes).toBeGreaterThan(0)
    expect(built.scriptGzipBytes).toBeLessThan(built.scriptBytes)
  })
})
