/**
 * @module wiring/relay-config
 * The relay's settings: the base ones (platform/config/relay-config.ts), every registered
 * host's, write-back's and the shared budget's, read from the environment once at start-up.
 */
import { hostModules } from '../hosts/registry.ts'
import { readRelayConfig, type BaseRelayConfig } from '../platform/config/relay-config.ts'
import { sharedBudgetConfig, type SharedBudgetConfig } from '../platform/redis/redis-config.ts'
import { visitorConfig, type VisitorConfig } from '../public-api/visitor/visitor-config.ts'
import { writebackConfig, type WritebackConfig } from '../writeback/writeback-config.ts'
import type { HostsConfig } from './host-types.ts'

export { RelayConfigError } from '../platform/config/relay-config.ts'

export type RelayConfig = BaseRelayConfig &
  HostsConfig &
  WritebackConfig &
  SharedBudgetConfig &
  VisitorConfig

/** @throws RelayConfigError naming the first bad variable (secrets are named, never shown). */
export function relayConfigFromEnv(env: Readonly<Record<string, string | undefined>>): RelayConfig {
  return readRelayConfig(env, [
    ...hostModules.map((host) => host.config),
    writebackConfig,
    sharedBudgetConfig,
    visitorConfig,
  ]) as RelayConfig
}
