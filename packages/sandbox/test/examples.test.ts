// The committed example renderings (docs/examples/*.md) are what reviewers read; they must be what
// the code produces today. After a deliberate change, run `pnpm examples` and review the diff.
import { readFile } from 'node:fs/promises'

import { describe, expect, it } from 'vitest'

import { EXAMPLE_LOCALES, renderExamples } from '../scripts/customer-examples.ts'

describe('docs/examples', () => {
  it('match what the formatters produce now, for every locale', async () => {
    const files = await renderExamples()
    expect([...files.keys()].sort()).toEqual(EXAMPLE_LOCALES.map((l) => `${l.locale}.md`).sort())
    for (const [name, text] of files) {
      const committed = await readFile(
        new URL(`../../../docs/examples/${name}`, import.meta.url),
        'utf8'
      )
      expect(committed, `docs/examples/${name} is out of date: run pnpm examples`).toBe(text)
    }
  }, 60_000)
})
