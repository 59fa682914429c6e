import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { ExportRefusedError } from './export-folder.ts'
import { lockFolder } from './folder-lock.ts'

function folder() {
  const out = join(mkdtempSync(join(tmpdir(), 'export-lock-')), 'out')
  mkdirSync(join(out, '.export'), { recursive: true })
  return out
}

describe('the export folder lock', () => {
  it('refuses a folder another live export holds, and takes over one whose holder is gone', async () => {
    const out = folder()
    // Another process that is alive: the lock's holder.
    const other = spawn(process.execPath, ['-e', 'process.stdin.resume()'], {
      stdio: ['pipe', 'ignore', 'ignore'],
    })
    await new Promise((resolve) => other.once('spawn', resolve))
    writeFileSync(join(out, '.export', 'lock'), String(other.pid))
    expect(() => lockFolder(out)).toThrow(ExportRefusedError)
    expect(() => lockFolder(out)).toThrow(`another export (process ${other.pid}) is writing ${out}`)
    const gone = new Promise((resolve) => other.once('close', resolve))
    other.kill('SIGKILL')
    await gone
    const release = lockFolder(out)
    expect(readFileSync(join(out, '.export', 'lock'), 'utf8')).toBe(String(process.pid))
    release()
    expect(existsSync(join(out, '.export', 'lock'))).toBe(false)
  })
})
