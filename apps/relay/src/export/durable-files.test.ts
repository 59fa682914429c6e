// A folder sync on a file system that cannot do it (some FUSE and network ones answer EINVAL,
// ENOTSUP or ENOSYS) must not fail an export at its end; any other failure, and any failure to
// sync a file, must. fsync is made to fail with each code (node:fs wrapped, nothing else changed).
import type * as Fs from 'node:fs'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import type * as DurableFiles from './durable-files.ts'

const failing = vi.hoisted(() => ({ code: undefined as string | undefined }))

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof Fs>()
  const wrapped = {
    ...fs,
    fsyncSync: (fd: number) => {
      if (failing.code !== undefined)
        throw Object.assign(new Error(`${failing.code}: fsync failed`), { code: failing.code })
      fs.fsyncSync(fd)
    },
  }
  return { ...wrapped, default: wrapped }
})

let durable: typeof DurableFiles
const folder = mkdtempSync(join(tmpdir(), 'relay-durable-'))
const file = join(folder, 'table.parquet')

beforeAll(async () => {
  // The relay's test files share their worker's modules (isolate: false): loaded afresh here, so
  // that it imports the wrapped node:fs.
  vi.resetModules()
  durable = await import('./durable-files.ts')
  writeFileSync(file, 'bytes')
})
afterAll(() => {
  failing.code = undefined
  rmSync(folder, { recursive: true, force: true })
  vi.doUnmock('node:fs')
  vi.resetModules()
})

describe('forcing files and folders to disk', () => {
  it.each(['EINVAL', 'ENOTSUP', 'ENOSYS'])(
    'goes on when the file system cannot sync a folder (%s)',
    (code) => {
      failing.code = code
      expect(() => durable.syncFolder(folder)).not.toThrow()
    }
  )

  it('fails on any other failure to sync a folder, and on any failure to sync a file', () => {
    failing.code = 'EIO'
    expect(() => durable.syncFolder(folder)).toThrow(expect.objectContaining({ code: 'EIO' }))
    failing.code = 'EINVAL'
    expect(() => durable.syncFile(file)).toThrow(expect.objectContaining({ code: 'EINVAL' }))
    expect(() => durable.replaceFile(join(folder, 'manifest.json'), '{}')).toThrow(
      expect.objectContaining({ code: 'EINVAL' })
    )
  })

  it('syncs for real when the file system can', () => {
    failing.code = undefined
    expect(() => durable.syncFolder(folder)).not.toThrow()
    expect(() => durable.syncFile(file)).not.toThrow()
  })
})
