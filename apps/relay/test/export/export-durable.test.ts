// A power cut must not leave a manifest naming tables that never reached the disk: every table
// file, and every folder a file was renamed into, is forced to disk before the manifest is put in
// place, and the manifest itself is forced to disk with its folder. The file system calls the
// export makes are recorded (node:fs wrapped, nothing else changed) and their order checked.
import type * as Fs from 'node:fs'
import { readdirSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'

import type { RunningSandbox } from '@intilery-connect/sandbox'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

/** What the export did to the disk, in order: a path forced to disk, or a rename. */
type Call = { readonly sync: string } | { readonly rename: string; readonly to: string }
const calls = vi.hoisted(() => [] as Call[])

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof Fs>()
  const paths = new Map<number, string>()
  const wrapped = {
    ...fs,
    openSync: (path: string, ...rest: [never]) => {
      const fd = fs.openSync(path, ...rest)
      paths.set(fd, String(path))
      return fd
    },
    closeSync: (fd: number) => {
      paths.delete(fd)
      fs.closeSync(fd)
    },
    fsyncSync: (fd: number) => {
      calls.push({ sync: paths.get(fd) ?? `fd ${fd}` })
      fs.fsyncSync(fd)
    },
    renameSync: (from: string, to: string) => {
      calls.push({ rename: String(from), to: String(to) })
      fs.renameSync(from, to)
    },
  }
  return { ...wrapped, default: wrapped }
})

let sandbox: RunningSandbox
let out: string

beforeAll(async () => {
  // This suite's files share their worker's modules (vitest.config.ts, isolate: false): the
  // export's modules are loaded afresh here, so that they import the wrapped node:fs.
  vi.resetModules()
  const { exportSandbox, exportTo, newFolder } = await import('./export-harness.ts')
  sandbox = await exportSandbox()
  out = newFolder()
  await exportTo(sandbox, { out, asOf: '2026-11-01', labelDays: 30, limitProfiles: 4 })
}, 120_000)
afterAll(async () => {
  await sandbox.stop()
  // The worker's next files get the real node:fs, and the export's modules bound to it.
  vi.doUnmock('node:fs')
  vi.resetModules()
})

/** Where in `calls` the first call matching `test` is; -1 when none does. */
const indexOf = (test: (call: Call) => boolean) => calls.findIndex(test)
const lastIndexOf = (test: (call: Call) => boolean) => calls.findLastIndex(test)
const manifestPath = () => join(out, 'manifest.json')
const manifestPut = () => indexOf((call) => 'rename' in call && call.to === manifestPath())

describe('relay export, on disk before it says it is done', () => {
  it('forces the manifest to disk before it is put in place, and its folder after', () => {
    const put = manifestPut()
    expect(put).toBeGreaterThan(0)
    expect(calls[put - 1]).toEqual({ sync: `${manifestPath()}.tmp` })
    expect(calls[put + 1]).toEqual({ sync: out })
  })

  it('forces every table file to disk, under the name it had, before it is moved into place', () => {
    const tables: string[] = []
    for (const entry of readdirSync(out, { recursive: true, withFileTypes: true }))
      if (entry.isFile() && entry.name !== 'manifest.json')
        tables.push(join(entry.parentPath, entry.name))
    expect(tables.map((path) => relative(out, path)).sort()).toEqual(
      expect.arrayContaining(['customers.parquet', 'features.parquet'])
    )
    expect(tables.some((path) => path.includes('event_date='))).toBe(true)
    for (const table of tables) {
      const moved = indexOf((call) => 'rename' in call && call.to === table)
      expect(moved, table).toBeGreaterThan(0)
      const from = (calls[moved] as { rename: string }).rename
      const synced = lastIndexOf((call) => 'sync' in call && call.sync === from)
      expect(synced, table).toBeGreaterThan(-1)
      expect(synced, table).toBeLessThan(moved)
    }
  })

  it('forces every folder a table was moved into to disk before the manifest is put in place', () => {
    const put = manifestPut()
    const movedInto = new Set<string>()
    for (const call of calls.slice(0, put))
      if ('rename' in call && call.to !== manifestPath()) movedInto.add(dirname(call.to))
    expect([...movedInto].some((folder) => folder.includes('event_date='))).toBe(true)
    for (const folder of [...movedInto, join(out, 'events'), out]) {
      const lastMove = lastIndexOf(
        (call) => 'rename' in call && call.to.startsWith(`${folder}/`) && call.to !== manifestPath()
      )
      const synced = calls.findLastIndex(
        (call, index) => 'sync' in call && call.sync === folder && index < put
      )
      expect(synced, folder).toBeGreaterThan(lastMove)
      expect(synced, folder).toBeLessThan(put)
    }
  })

  it('forces the export folder to disk once the event folders are in it, before the next table', () => {
    const events = `${join(out, 'events')}/`
    const lastEventMove = lastIndexOf((call) => 'rename' in call && call.to.startsWith(events))
    expect(lastEventMove).toBeGreaterThan(0)
    const nextMove = calls.findIndex((call, index) => index > lastEventMove && 'rename' in call)
    const synced = calls.findIndex(
      (call, index) => index > lastEventMove && 'sync' in call && call.sync === out
    )
    expect(synced).toBeGreaterThan(lastEventMove)
    expect(synced).toBeLessThan(nextMove)
  })
})
