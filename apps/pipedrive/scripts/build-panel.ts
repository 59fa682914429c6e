/**
 * Builds the custom panel as ONE self-contained `panel.html`: the script and the styles inlined,
 * no URL to load anything from, no inline event handlers or style attributes. The relay serves it
 * under `default-src 'none'; script-src 'nonce-…'; style-src 'nonce-…'; connect-src 'self'; …`,
 * replacing `__CSP_NONCE__` (on every <script> and <style>) with a fresh nonce per request, so
 * nothing but this page's own code can run in it.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

import { build, type Rolldown } from 'vite'

export const APP_DIR = fileURLToPath(new URL('..', import.meta.url))
/** What the relay replaces with each response's nonce. */
export const NONCE_PLACEHOLDER = '__CSP_NONCE__'

export interface BuildPanelOptions {
  readonly outDir?: string | undefined
}

export interface BuiltPanel {
  /** The written panel.html. */
  readonly file: string
  readonly html: string
  /** Bytes of the inlined script, and gzipped (what the budget in docs/benchmarks.md counts). */
  readonly scriptBytes: number
  readonly scriptGzipBytes: number
}

/**
 * Text that would end its element early, or switch the HTML parser into the script-data escape
 * states, if it appeared inside an inline <script> or <style>.
 */
function inlineable(code: string, tag: 'script' | 'style'): string {
  // `<\/` is the same string in JS strings, templates and regular expressions.
  const escaped = tag === 'script' ? code.replace(/<\/(script)/gi, '<\\/$1') : code
  if (new RegExp(`</${tag}`, 'i').test(escaped) || escaped.includes('<!--'))
    throw new Error(`The panel's ${tag} contains markup that cannot be inlined`)
  return escaped
}

async function bundle(): Promise<{ js: string; css: string }> {
  const result = await build({
    configFile: false,
    root: join(APP_DIR, 'src'),
    logLevel: 'warn',
    build: {
      write: false,
      target: 'es2022',
      modulePreload: false,
      cssCodeSplit: false,
      rolldownOptions: {
        input: join(APP_DIR, 'src', 'main.tsx'),
        // Locale catalogues are lazy chunks elsewhere; here there is nowhere to load them from.
        output: { format: 'es', codeSplitting: false },
      },
    },
  })
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[]
  const js: string[] = []
  const css: string[] = []
  const others: string[] = []
  for (const file of outputs.flatMap((output) => output.output)) {
    if (file.type === 'chunk') js.push(file.code)
    else if (file.fileName.endsWith('.css')) css.push(String(file.source))
    else others.push(file.fileName)
  }
  const [script] = js
  if (script === undefined || js.length > 1 || others.length > 0)
    throw new Error(
      `The panel must build to one script and its styles: got ${js.length} scripts and ${others.join(', ') || 'no other files'}`
    )
  return { js: script, css: css.join('\n') }
}

export async function buildPanel(options: BuildPanelOptions = {}): Promise<BuiltPanel> {
  const outDir = options.outDir ?? join(APP_DIR, 'dist')
  const { js, css } = await bundle()
  const template = readFileSync(join(APP_DIR, 'src', 'panel.html'), 'utf8')
  const script = inlineable(js.trim(), 'script')
  // Replacer functions: `$` in the code must not be read as a replacement pattern.
  const html = template
    .replace(/\s*\/\*__PANEL_CSS__\*\/\s*/, () => inlineable(css.trim(), 'style'))
    .replace(/\s*\/\*__PANEL_JS__\*\/\s*/, () => script)
  rmSync(outDir, { recursive: true, force: true })
  mkdirSync(outDir, { recursive: true })
  const file = join(outDir, 'panel.html')
  writeFileSync(file, html)
  return {
    file,
    html,
    scriptBytes: Buffer.byteLength(script),
    scriptGzipBytes: gzipSync(script, { level: 9 }).length,
  }
}
