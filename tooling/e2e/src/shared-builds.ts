/**
 * The demo on the apps built once for every browser test file (vitest's globalSetup,
 * global-builds.ts) rather than built again by each: a build depends on nothing a test changes,
 * and building both cost each file's set-up ~3 s of its two cores, fourteen times a run.
 */
import {
  startDemo,
  type DemoBuilds,
  type DemoPorts,
  type RunningDemo,
} from '@intilery-connect/demo'
import { inject } from 'vitest'

declare module 'vitest' {
  export interface ProvidedContext {
    demoBuilds: DemoBuilds
  }
}

export const startDemoOnSharedBuilds = (ports: DemoPorts): Promise<RunningDemo> =>
  startDemo(ports, {}, { builds: inject('demoBuilds') })
