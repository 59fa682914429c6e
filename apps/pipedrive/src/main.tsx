/**
 * The panel page Pipedrive frames on person, deal and organization pages. Order matters: the SDK's
 * `initialize` goes out first (Pipedrive hides a panel that has not initialized within 10 s), then
 * the height follows the content and the panel asks the relay, which served this page, with
 * Pipedrive-signed tokens.
 */
import '@intilery-connect/ui/styles.css'
import './panel.css'

import { render } from 'preact'

import { followHeight } from './follow-height.ts'
import { readPanelParams } from './panel-params.ts'
import { connectToPipedrive, type PipedriveHost } from './pipedrive-host.ts'
import { PipedrivePanel } from './PipedrivePanel.tsx'
import { createRelayFetch } from './relay-fetch.ts'
import { createTokenCache } from './token-cache.ts'
import { wordsFor } from './words.ts'

function start(content: HTMLElement) {
  // Pipedrive tells a custom panel nothing about the viewer's language: the browser's is theirs.
  const locale = navigator.language
  const words = wordsFor(locale)
  const params = readPanelParams(window.location.search)
  if (params === undefined) {
    content.textContent = words.outsidePipedrive
    return
  }
  let host: PipedriveHost
  try {
    host = connectToPipedrive(params.runtimeId)
  } catch (error) {
    content.textContent = words.couldNotStart(error instanceof Error ? error.message : '')
    return
  }
  followHeight(content, (height) => host.resize(height))
  const relay = createRelayFetch(createTokenCache(() => host.signedToken()))
  render(
    <PipedrivePanel
      params={params}
      host={host}
      relay={relay}
      locale={locale}
      timeZone={Intl.DateTimeFormat().resolvedOptions().timeZone}
    />,
    content
  )
}

const content = document.getElementById('content')
if (content !== null) start(content)
