// The local Pipedrive's script (served as /host.js): plays Pipedrive's side of the app-extensions
// SDK around the real custom panel iframe (../shared/reference/pipedrive.md §2.3). Loaded in
// <head>, before the iframe exists, so no message or load event can come before it listens. Data
// arrives in the page's #host-data JSON; everything shown on the page is set as text. What
// happened is on `window.__pipedriveHost` for tests: calls, violations, height, initialized.
;(() => {
  const data = JSON.parse(document.getElementById('host-data').textContent)
  const MIN_HEIGHT = 100
  const MAX_HEIGHT = 750
  const state = {
    calls: [],
    violations: [],
    tracks: [],
    snackbars: [],
    height: null,
    initialized: false,
    timedOut: false,
    theme: data.theme,
    visible: true,
  }
  window.__pipedriveHost = state
  /** Listener ports by event name: the SDK keeps one open per `listen()`. */
  const listeners = new Map()
  let timer

  const frame = () => document.getElementById('panel-frame')
  const log = (text) => {
    const list = document.getElementById('host-log')
    if (list === null) return
    const line = document.createElement('li')
    line.textContent = text
    list.prepend(line)
  }
  const violation = (text) => {
    state.violations.push(text)
    log(`violation: ${text}`)
  }
  const validHeight = (height) =>
    typeof height === 'number' &&
    Number.isFinite(height) &&
    height >= MIN_HEIGHT &&
    height <= MAX_HEIGHT
  const setHeight = (height) => {
    state.height = height
    frame().style.height = `${height}px`
  }
  const refuseHeight = (command, height) => {
    violation(`${command} with height ${JSON.stringify(height)}`)
    throw new Error(`height must be between ${MIN_HEIGHT} and ${MAX_HEIGHT}`)
  }

  /** The page's own server signs the token, as Pipedrive's servers do: the secret stays there. */
  async function signedToken() {
    const response = await fetch('/token', { method: 'POST' })
    if (!response.ok) throw new Error(`Pipedrive could not sign a token (${response.status})`)
    const body = await response.json()
    return body.token
  }

  function showSnackbar(message) {
    state.snackbars.push(message)
    const bar = document.getElementById('snackbar')
    bar.textContent = message
    bar.hidden = false
  }

  const handlers = {
    initialize(args) {
      if (state.timedOut) {
        violation('initialize after the time limit')
        throw new Error('The app did not initialize in time')
      }
      // `initialize()` without a size is the SDK's documented default; a size must fit.
      const height = args?.size?.height
      if (height !== undefined) {
        if (!validHeight(height)) refuseHeight('initialize', height)
        setHeight(height)
      }
      state.initialized = true
      clearTimeout(timer)
    },
    resize(args) {
      if (!validHeight(args?.height)) refuseHeight('resize', args?.height)
      setHeight(args.height)
    },
    get_signed_token: async () => ({ token: await signedToken() }),
    show_snackbar(args) {
      showSnackbar(String(args?.message ?? ''))
    },
    show_confirmation: () => ({ confirmed: true }),
    get_metadata: () => ({ windowHeight: window.innerHeight, windowWidth: window.innerWidth }),
  }

  async function command(name, args, port) {
    state.calls.push({ command: name, args })
    log(`${name} ${JSON.stringify(args) ?? ''}`)
    if (port === undefined) return violation(`${name} without a reply port`)
    if (name !== 'initialize' && !state.initialized) {
      violation(`${name} before initialize`)
      return port.postMessage({ error: 'The app is not initialized' })
    }
    const handler = Object.hasOwn(handlers, name) ? handlers[name] : undefined
    if (handler === undefined) return port.postMessage({ error: `${name} is not supported here` })
    try {
      port.postMessage({ data: await handler(args) })
    } catch (error) {
      port.postMessage({ error: error instanceof Error ? error.message : String(error) })
    }
  }

  function emit(event, payload) {
    for (const port of listeners.get(event) ?? []) port.postMessage({ data: payload })
    log(`event ${event} ${JSON.stringify(payload)}`)
  }

  window.addEventListener('message', (event) => {
    // Only the panel's own window, from the relay's origin, with this panel's runtime id.
    const panel = frame()
    if (panel === null || event.source !== panel.contentWindow) return
    if (event.origin !== data.panelOrigin) return
    const message = event.data
    if (typeof message !== 'object' || message === null || message.id !== data.runtimeId) return
    const payload = message.payload
    if (typeof payload !== 'object' || payload === null) return
    if (payload.type === 'command') void command(payload.command, payload.args, event.ports[0])
    else if (payload.type === 'listener' && event.ports[0] !== undefined) {
      const ports = listeners.get(payload.event) ?? []
      ports.push(event.ports[0])
      listeners.set(payload.event, ports)
      log(`listen ${payload.event}`)
    } else if (payload.type === 'track') state.tracks.push(payload.event)
  })

  // Pipedrive does not show a panel that has not initialized within 10 s of loading.
  document.addEventListener(
    'load',
    (event) => {
      if (event.target !== frame() || timer !== undefined || state.initialized) return
      timer = setTimeout(() => {
        if (state.initialized) return
        state.timedOut = true
        frame().style.display = 'none'
        document.getElementById('panel-timeout').hidden = false
        violation(`no initialize within ${data.initTimeoutMs} ms`)
      }, data.initTimeoutMs)
    },
    true
  )

  document.addEventListener('DOMContentLoaded', () => {
    // The viewer's theme: the page switches, a reload keeps it (?theme), the panel is told.
    document.getElementById('theme-toggle').addEventListener('click', (event) => {
      state.theme = state.theme === 'dark' ? 'light' : 'dark'
      document.body.className = `pd-${state.theme}`
      event.currentTarget.setAttribute('aria-pressed', String(state.theme === 'dark'))
      const url = new URL(window.location.href)
      url.searchParams.set('theme', state.theme)
      window.history.replaceState(null, '', url)
      emit('user_settings_change', { theme: state.theme })
    })
    // Collapsing the sidebar panel, which Pipedrive reports as `visibility`.
    document.getElementById('collapse-toggle').addEventListener('click', (event) => {
      state.visible = !state.visible
      if (!state.timedOut) frame().style.display = state.visible ? '' : 'none'
      event.currentTarget.setAttribute('aria-expanded', String(state.visible))
      event.currentTarget.textContent = state.visible ? 'Collapse' : 'Expand'
      emit('visibility', { is_visible: state.visible })
    })
  })
})()
