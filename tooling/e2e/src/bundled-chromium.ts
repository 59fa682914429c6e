/**
 * The Chromium inside the npm package @sparticuz/chromium, for machines with no system Chromium:
 * its tarball carries the browser brotli-compressed, so `pnpm install` brings it from the npm
 * registry like any package (never a browser download). 147.0.0 is the newest release whose
 * `engines` allow Node 20 (this repo installs engine-strict), and playwright-core 1.65.1 drives it.
 *
 * Unpacked here rather than with the package's own `executablePath()`, which writes fixed names in
 * the shared temporary directory (/tmp/chromium whatever its version, half-written if interrupted)
 * and unpacks the NSS libraries the binary links only on AWS Lambda. Here each version gets its own
 * directory, written under a temporary name and renamed into place whole. Its Lambda flags
 * (`Chromium.args`: --single-process, --disable-web-security, site isolation off…) are not used:
 * the browser tests check what a real browser enforces, so they run with browser.ts's flags.
 */
import { spawn } from 'node:child_process'
import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import process from 'node:process'
import { pipeline } from 'node:stream/promises'
import { createBrotliDecompress } from 'node:zlib'

const PACKAGE = '@sparticuz/chromium'

export interface BundledChromium {
  /** The package's version, which names the Chromium major it carries. */
  readonly version: string
  readonly executablePath: string
  /** What the binary needs in its environment: its own NSS libraries and a font configuration. */
  readonly env: Readonly<Record<string, string>>
}

/** The installed package's directory and version (its `exports` hide its package.json). */
function installedPackage(): { dir: string; version: string } {
  let dir = dirname(createRequire(import.meta.url).resolve(PACKAGE))
  for (;;) {
    const manifest = join(dir, 'package.json')
    if (existsSync(manifest)) {
      const { name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, string>
      if (name === PACKAGE && version !== undefined) return { dir, version }
    }
    if (dirname(dir) === dir) throw new Error(`${PACKAGE} is installed without its package.json`)
    dir = dirname(dir)
  }
}

/** Writes the brotli-compressed `file` decompressed to `to`. */
async function decompress(file: string, to: string, mode = 0o644): Promise<void> {
  await pipeline(createReadStream(file), createBrotliDecompress(), createWriteStream(to, { mode }))
}

/** Unpacks the brotli-compressed tar `file` into `dir`, with tar (on every Debian system). */
async function untar(file: string, dir: string): Promise<void> {
  const archive = join(dir, 'archive.tar')
  await decompress(file, archive)
  const tar = spawn('tar', ['-x', '-f', archive, '-C', dir], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let errors = ''
  tar.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()))
  const code = await new Promise<number | null>((resolve, reject) => {
    tar.once('error', reject)
    tar.once('close', resolve)
  })
  await rm(archive)
  if (code !== 0) throw new Error(`tar failed unpacking ${file} (exit ${String(code)}): ${errors}`)
}

async function unpack(bin: string, into: string): Promise<void> {
  await decompress(join(bin, 'chromium.br'), join(into, 'chromium'), 0o755)
  // lib/: the NSS, NSPR and expat libraries the binary links (a bare Debian has none of them).
  await untar(join(bin, 'al2023.tar.br'), into)
  // fonts/: Open Sans and the package's fontconfig file, whose paths are Lambda's; ours is below.
  await untar(join(bin, 'fonts.tar.br'), into)
}

function fontConfig(dir: string): string {
  return [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    '<fontconfig>',
    '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
    `  <dir>${join(dir, 'fonts')}</dir>`,
    `  <cachedir>${join(dir, 'fontconfig-cache')}</cachedir>`,
    '</fontconfig>',
    '',
  ].join('\n')
}

/** Unpacks the package's Chromium once per version (kept in the temporary directory). */
export async function bundledChromium(): Promise<BundledChromium> {
  const { dir: packageDir, version } = installedPackage()
  const dir = join(tmpdir(), `intilery-e2e-chromium-${version}`)
  if (!existsSync(join(dir, 'chromium'))) {
    process.stderr.write(
      `No system Chromium or Chrome: unpacking the Chromium of ${PACKAGE} ${version} into ${dir}\n`
    )
    const partial = await mkdtemp(`${dir}.partial-`)
    try {
      await unpack(join(packageDir, 'bin'), partial)
      await writeFile(join(partial, 'fonts.conf'), fontConfig(dir))
      // Another run may have finished first: its copy is as good as ours.
      await rename(partial, dir).catch((error: unknown) => {
        if (!existsSync(join(dir, 'chromium'))) throw error
      })
    } finally {
      await rm(partial, { recursive: true, force: true })
    }
  }
  const libraries = join(dir, 'lib')
  const inherited = process.env.LD_LIBRARY_PATH
  return {
    version,
    executablePath: join(dir, 'chromium'),
    env: {
      LD_LIBRARY_PATH: inherited ? `${libraries}:${inherited}` : libraries,
      FONTCONFIG_FILE: join(dir, 'fonts.conf'),
    },
  }
}
