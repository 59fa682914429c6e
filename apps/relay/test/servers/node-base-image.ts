/**
 * A stand-in for node:20-bookworm-slim, which this machine cannot pull (no registry): an image
 * from scratch holding this machine's Node binary and the shared libraries it and libsql load,
 * with Node on the PATH, which is all deploy/container's Containerfile asks of its base.
 */
import { execFileSync } from 'node:child_process'
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import process from 'node:process'

/** Shared libraries `ldd` lists for each file. */
function librariesOf(files: readonly string[]): string[] {
  const found = new Set<string>()
  for (const file of files)
    for (const match of execFileSync('ldd', [file], { encoding: 'utf8' }).matchAll(
      /(\/\S+\.so[.\d]*)/g
    ))
      if (match[1] !== undefined) found.add(match[1])
  return [...found]
}

/** Builds the image as `tag` with `podman`; `nativeModules` are .node files whose libraries it needs too. */
export function buildNodeBaseImage(
  podman: string,
  tag: string,
  nativeModules: readonly string[]
): void {
  const context = mkdtempSync(join(tmpdir(), 'relay-node-base-'))
  try {
    const node = process.execPath
    mkdirSync(join(context, 'usr/local/bin'), { recursive: true })
    copyFileSync(node, join(context, 'usr/local/bin/node'))
    chmodSync(join(context, 'usr/local/bin/node'), 0o755)
    for (const library of librariesOf([node, ...nativeModules])) {
      mkdirSync(join(context, dirname(library)), { recursive: true })
      copyFileSync(library, join(context, library))
    }
    mkdirSync(join(context, 'tmp'))
    chmodSync(join(context, 'tmp'), 0o1777)
    writeFileSync(
      join(context, 'Containerfile'),
      'FROM scratch\nCOPY . /\nENV PATH=/usr/local/bin:/usr/bin:/bin\n'
    )
    execFileSync(podman, ['build', '--quiet', '--tag', tag, context], { stdio: 'pipe' })
  } finally {
    rmSync(context, { recursive: true, force: true })
  }
}
