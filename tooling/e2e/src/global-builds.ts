/**
 * vitest's globalSetup for the browser tests: the demo's two apps built once, before any file,
 * handed to the files through `provide` (shared-builds.ts), removed after the last.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { buildDemoApps } from '@intilery-connect/demo'
import type { TestProject } from 'vitest/node'

import './shared-builds.ts'

export default async function buildOnce(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), 'e2e-builds-'))
  const removeDir = () => rm(dir, { recursive: true, force: true })
  try {
    project.provide('demoBuilds', await buildDemoApps(dir))
  } catch (error) {
    await removeDir()
    throw error
  }
  return removeDir
}
