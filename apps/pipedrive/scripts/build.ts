/**
 * `pnpm --filter @intilery-connect/pipedrive build`: the custom panel in dist/panel.html, which
 * the relay serves at /pipedrive/panel. PIPEDRIVE_OUT_DIR builds somewhere else than dist/ (the
 * demo and tests build into temp folders; they may also call buildPanel() from build-panel.ts).
 */
import process from 'node:process'

import { buildPanel } from './build-panel.ts'

const built = await buildPanel({ outDir: process.env.PIPEDRIVE_OUT_DIR })
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
process.stdout.write(
  `Built ${built.file} (script ${kb(built.scriptBytes)}, ${kb(built.scriptGzipBytes)} gzip)\n`
)
