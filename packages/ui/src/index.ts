/**
 * @module @intilery-connect/ui
 * The panel both iframe apps mount: `CustomerPanel` over a `RelayClient`. Import
 * `@intilery-connect/ui/styles.css` once per page.
 */
export { CustomerPanel, type CustomerPanelProps, type Theme } from './components/CustomerPanel.tsx'
export { choiceKey, relayChoiceMemory, type ChoiceMemory } from './choice-memory.ts'
export { ProfileCard } from './components/ProfileCard.tsx'
export { Skeleton, StatusMessage } from './components/StatusMessage.tsx'
export { Timeline } from './components/Timeline.tsx'
export {
  createRelayClient,
  type EventsPage,
  type Lookup,
  type RelayClient,
  type RelayGet,
  type RelaySend,
} from './relay-client.ts'
export { RelayCallError, relayCallError, type RelayFailure } from './relay-error.ts'
