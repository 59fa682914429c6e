// Lints snippets through the repository's own eslint.config.js, as if they were files at the given
// paths, so tests can show which rules fire where.
import { fileURLToPath } from 'node:url'

import { ESLint } from 'eslint'
import tseslint from 'typescript-eslint'

export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url))

// Type information is irrelevant to these rules and unavailable for snippets outside any tsconfig.
const eslint = new ESLint({ cwd: repoRoot, overrideConfig: [tseslint.configs.disableTypeChecked] })

/** The rule ids (or, for a fatal parse error, the message) reported for `code` at `filePath`. */
export async function rulesFlagged(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message)
}
