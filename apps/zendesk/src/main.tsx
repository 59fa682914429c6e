/**
 * The sidebar: reads where it runs and who the customer is from Zendesk, asks the relay through the
 * secure proxy, renders the shared panel, follows requester changes, refreshes while visible, and
 * sizes its iframe to its content.
 */
import '@intilery-connect/ui/styles.css'

import {
  createRelayClient,
  CustomerPanel,
  relayChoiceMemory,
  type Lookup,
  type RelayClient,
} from '@intilery-connect/ui'
import { createTranslator, loadLocale, warmFormatters } from '@intilery-connect/core'
import { render } from 'preact'
import { useEffect, useMemo, useState } from 'preact/hooks'

import { followColorScheme, type ColorScheme } from './color-scheme.ts'
import { secureRelayGet, secureRelaySend } from './secure-relay-get.ts'
import { initZaf, type ZafClient } from './zaf.ts'
import {
  readAgent,
  readAgentAndCustomer,
  readCustomer,
  readInstallation,
  readLocation,
  couldNotStart,
  type Installation,
} from './zaf-reads.ts'

/**
 * Live refresh while the sidebar is visible: with the relay's 5 s events cache a new event shows
 * within 15 s, and every agent's polls of one customer cost one upstream read per 5 s in all.
 */
const LIVE_MS = 5_000
/** The relay's routes for this app. */
const ZENDESK_API = '/zendesk/v1'

/**
 * Times are shown in the agent's computer's zone, as Zendesk's own pages show them by default
 * (without one, core would show UTC).
 */
const AGENT_TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone

interface Ready {
  readonly install: Installation
  readonly agentId: string
  readonly locale: string
  readonly lookup: Lookup | undefined
}

/**
 * The relay client, with the first context already asked for: the request goes out as soon as the
 * customer is known instead of after the first render, which is most of the wait on a warm relay.
 */
function clientFor(zaf: ZafClient, ready: Ready): RelayClient {
  const client = createRelayClient(
    secureRelayGet(zaf, { ...ready.install, agentId: ready.agentId }),
    ZENDESK_API
  )
  const first = ready.lookup
  let prefetched = first === undefined ? undefined : client.context(first)
  // Not left unhandled before the panel asks for it; the panel gets the same rejection.
  prefetched?.catch(() => undefined)
  return {
    ...client,
    context(lookup) {
      const answer = prefetched
      prefetched = undefined
      const same = first !== undefined && lookup.type === first.type && lookup.value === first.value
      return answer !== undefined && same ? answer : client.context(lookup)
    },
  }
}

/** Zendesk's colour scheme (color-scheme.ts), now and as it changes, for the page and the panel. */
interface SchemeWatch {
  readonly get: () => ColorScheme
  readonly subscribe: (listener: (scheme: ColorScheme) => void) => () => void
}

function watchScheme(zaf: ZafClient): SchemeWatch {
  const listeners = new Set<(scheme: ColorScheme) => void>()
  // The iframe's own canvas and native controls follow too, not only the panel's colours.
  const apply = (scheme: ColorScheme) => (document.documentElement.style.colorScheme = scheme)
  let current = followColorScheme(
    zaf,
    window.location.search,
    window.matchMedia?.('(prefers-color-scheme: dark)'),
    (next) => {
      current = next
      apply(next)
      for (const listener of listeners) listener(next)
    }
  )
  apply(current)
  return {
    get: () => current,
    subscribe: (listener) => {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
  }
}

interface SidebarProps {
  readonly zaf: ZafClient
  readonly ready: Ready
  readonly client: RelayClient
  readonly scheme: SchemeWatch
}

function Sidebar({ zaf, ready, client, scheme }: SidebarProps) {
  const [lookup, setLookup] = useState(ready.lookup)
  const [requesterError, setRequesterError] = useState(false)
  // Sidebars of background ticket tabs start hidden: no polling until Zendesk shows the app.
  const [visible, setVisible] = useState(() => !document.hidden)
  const [colorScheme, setColorScheme] = useState(() => scheme.get())
  useEffect(() => scheme.subscribe(setColorScheme), [scheme])
  // The agent's choice among several matching customers, kept by the relay for this installation
  // (the proxy's token names it) and requester, so every browser keeps it.
  const choiceMemory = useMemo(
    () =>
      relayChoiceMemory(
        secureRelaySend(zaf, { ...ready.install, agentId: ready.agentId }),
        ZENDESK_API
      ),
    [zaf, ready]
  )
  useEffect(() => {
    const reread = () =>
      void readCustomer(zaf, ready.install.location).then(
        (next) => {
          setRequesterError(false)
          setLookup(next)
        },
        () => setRequesterError(true)
      )
    // The requester change events Zendesk documents (one per identity that can change).
    for (const event of [
      'ticket.requester.id.changed',
      'ticket.requester.email.changed',
      'ticket.requester.externalId.changed',
    ])
      zaf.on(event, reread)
    zaf.on('app.activated', () => setVisible(true))
    zaf.on('app.deactivated', () => setVisible(false))
    const onVisibility = () => setVisible(!document.hidden)
    document.addEventListener('visibilitychange', onVisibility)
    return () => document.removeEventListener('visibilitychange', onVisibility)
  }, [zaf, ready])
  if (requesterError)
    return (
      <p class={`ic-root ic-theme-zendesk${colorScheme === 'dark' ? ' ic-dark' : ''}`}>
        {createTranslator(ready.locale).t('common.error.generic')}
      </p>
    )
  return (
    <CustomerPanel
      client={client}
      lookup={lookup}
      locale={ready.locale}
      timeZone={AGENT_TIME_ZONE}
      theme="zendesk"
      dark={colorScheme === 'dark'}
      choiceMemory={choiceMemory}
      subject={ready.install.location === 'user_sidebar' ? 'user' : 'requester'}
      liveMs={LIVE_MS}
      defaultKinds={ready.install.defaultKinds}
      headerFields={ready.install.headerFields}
      visible={visible}
      onAddNote={async (markdown) => {
        await zaf.set('comment.type', 'internalNote')
        await zaf.invoke('comment.appendMarkdown', markdown)
      }}
    />
  )
}

/** Keeps the iframe as tall as the content (Zendesk wants integer pixels). */
function followHeight(zaf: ZafClient, root: HTMLElement) {
  let last = 0
  new ResizeObserver(() => {
    const height = Math.ceil(root.getBoundingClientRect().height)
    if (height !== last) {
      last = height
      void zaf.invoke('resize', { width: '100%', height: `${height}px` })
    }
  }).observe(root)
}

async function start() {
  const root = document.getElementById('root')
  if (root === null) return
  const zaf = initZaf()
  if (zaf === undefined) {
    root.textContent = 'This page runs inside Zendesk Support.'
    return
  }
  followHeight(zaf, root)
  const scheme = watchScheme(zaf)
  // The location comes with the app's registration; then one get reads the agent and the customer.
  // The agent is read even when the settings are wrong, so a setup mistake is told in their language
  // (alone, when Zendesk does not say where the app runs).
  const early = window.intileryFirstGet
  const reads = readLocation(zaf).then((location) =>
    readAgentAndCustomer(zaf, location, early === false ? undefined : early)
  )
  const agentRead = reads.then(
    (read) => read.agent,
    () => readAgent(zaf)
  )
  const customerRead = reads.then((read) => read.customer)
  // Awaited below unless the settings fail first; that failure is the one to tell.
  customerRead.catch(() => undefined)
  // The catalogues (the agent's and English, the fallback) load while Zendesk and the relay answer.
  const catalogues = agentRead.then(
    (agent) => loadLocale(agent.locale),
    () => loadLocale('en')
  )
  catalogues.catch(() => undefined)
  try {
    const install = await readInstallation(zaf, __RELAY_HOSTS__)
    const [agent, lookup] = await Promise.all([agentRead, customerRead])
    const ready: Ready = { install, agentId: agent.id, locale: agent.locale, lookup }
    // The relay request goes out now; while its answer is on the way, the catalogues finish loading
    // and the Intl formatters the first paint uses are built, in the panel's locale and zone (ICU's
    // data is already loaded: index.html).
    const client = clientFor(zaf, ready)
    warmFormatters({ locale: agent.locale, timeZone: AGENT_TIME_ZONE })
    await catalogues
    render(<Sidebar zaf={zaf} ready={ready} client={client} scheme={scheme} />, root)
  } catch (error) {
    const message = document.createElement('p')
    message.className = `ic-root ic-theme-zendesk${scheme.get() === 'dark' ? ' ic-dark' : ''}`
    message.setAttribute('role', 'alert')
    const locale = agentRead.then(
      (agent) => agent.locale,
      () => 'en'
    )
    // Its code loads only when the sidebar cannot start; when even that cannot be fetched (the
    // app's own files unreachable), the English sentence says so.
    message.textContent = await import('./start-failure.ts').then(
      (failure) => failure.startFailureText(locale, error),
      () => couldNotStart(error)
    )
    root.replaceChildren(message)
  }
}

void start()
