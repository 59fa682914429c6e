/**
 * @intilery-connect/sandbox: local stand-ins for everything outside this repository, for tests,
 * benchmarks and the demo. Never imported by production code (lint enforces it).
 */
export { createSandbox, type CreateSandboxOptions, type Sandbox } from './sandbox.ts'
export { startSandbox, type RunningSandbox } from './server.ts'
export {
  sandboxConfig,
  sandboxConfigFromEnv,
  sandboxConfigSchema,
  type SandboxConfig,
} from './config.ts'
export {
  FaultKnobs,
  faultPatchSchema,
  NO_FAULTS,
  type FaultPatch,
  type FaultSettings,
} from './admin/faults.ts'
export { RequestCounters, tokenFingerprint, type CounterSnapshot } from './admin/counters.ts'
export { CustomerStore } from './store/customer-store.ts'
export type { CustomerRecord, StoredEvent } from './store/types.ts'
export { DYNAMIC_AUDIENCES, REGULAR_CUSTOMERS, SEEDED, seedCustomers } from './seed/index.ts'
export {
  startZendeskHost,
  type RunningZendeskHost,
  type ZendeskHostOptions,
} from './zendesk-host/server.ts'
export { demoTickets, type DemoTicket } from './zendesk-host/demo-tickets.ts'
export { proxySecureRequest, ProxyRefusal } from './zendesk-host/secure-proxy.ts'
export type { DeliveryAttempt, ZendeskWebhookOptions } from './zendesk-host/webhook-delivery.ts'
export {
  PIPEDRIVE_SCOPE,
  startPipedrive,
  type PipedriveOptions,
  type RunningPipedrive,
} from './pipedrive/server.ts'
export {
  DEMO_COMPANY,
  pipedriveDataset,
  type PipedriveDataset,
  type PipedrivePerson,
} from './pipedrive/data.ts'
export { installThroughBrowser } from './pipedrive/browser-install.ts'
export {
  NO_PIPEDRIVE_FAULTS,
  PIPEDRIVE_FAULT_ROUTES,
  PipedriveFaults,
  type PipedriveFaultPatch,
  type PipedriveFaultRoute,
  type PipedriveFaultSettings,
} from './pipedrive/faults.ts'
export {
  startPipedriveHost,
  type PipedriveHostOptions,
  type RunningPipedriveHost,
} from './pipedrive-host/server.ts'
export { ManualScheduler, realScheduler, type Scheduler } from './pipedrive/webhooks/scheduler.ts'
export type { DeliveryRecord } from './pipedrive/webhooks/webhook-dispatcher.ts'
export {
  DEMO_VISITORS,
  startDemoSite,
  type DemoSiteOptions,
  type RunningDemoSite,
} from './demo-site/site-server.ts'
export { JOURNAL, type JournalPost } from './seed/journal.ts'
