/**
 * axe-core in a page's frame: its source for the test to inject (as a script tag, or through the
 * debugger where the frame's CSP would refuse a tag), and its findings as `id (nodes)` lines.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

import type { Frame } from 'playwright-core'

export function axeSource(): string {
  return readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
}

/** Runs axe (already injected into `frame`) and lists its violations; empty when none. */
export function axeViolations(frame: Frame): Promise<string[]> {
  return frame.evaluate(async () => {
    const result = await (
      window as unknown as {
        axe: { run(): Promise<{ violations: { id: string; nodes: unknown[] }[] }> }
      }
    ).axe.run()
    return result.violations.map((v) => `${v.id} (${v.nodes.length})`)
  })
}
