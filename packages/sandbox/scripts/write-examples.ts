/** `pnpm examples`: writes docs/examples/<locale>.md from scripts/customer-examples.ts. */
import { mkdir, writeFile } from 'node:fs/promises'
import process from 'node:process'

import { renderExamples } from './customer-examples.ts'

const directory = new URL('../../../docs/examples/', import.meta.url)
await mkdir(directory, { recursive: true })
for (const [name, text] of await renderExamples()) {
  await writeFile(new URL(name, directory), text)
  process.stdout.write(`wrote docs/examples/${name}\n`)
}
