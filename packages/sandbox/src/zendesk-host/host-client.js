// The Zendesk host page's script (served as /host.js): plays Zendesk's side of the ZAF protocol
// around the real app iframe (../shared/reference/zendesk.md §1.3). Data arrives in the page's
// #host-data JSON; everything shown on the host page is set as text.
;(() => {
  const data = JSON.parse(document.getElementById('host-data').textContent)
  const frame = document.getElementById('app-frame')
  const appOrigin = new URL(frame.src).origin
  const subscriptions = new Set()
  const store = { ...data.values }
  const SETTABLE = new Set(['comment.type', 'comment.text'])
  const note = document.getElementById('internal-note')
  const log = document.getElementById('host-log')

  const post = (message) => frame.contentWindow.postMessage(JSON.stringify(message), appOrigin)
  const emit = (event, message) => {
    if (subscriptions.has(event)) post({ key: `zaf.${event}`, message })
  }
  const record = (text) => {
    const line = document.createElement('li')
    line.textContent = text
    log.prepend(line)
  }

  async function proxied(id, options) {
    let answer
    try {
      const response = await fetch('/__zendesk/proxy', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(options),
      })
      answer = await response.json()
    } catch (error) {
      answer = { status: 0, body: String(error), headers: {} }
    }
    record(`request ${options.type ?? 'GET'} ${new URL(options.url).pathname} -> ${answer.status}`)
    if (answer.status >= 200 && answer.status < 300) {
      let body = answer.body
      try {
        body = JSON.parse(answer.body)
      } catch {
        // dataType json with a non-JSON body: Zendesk hands over the text.
      }
      post({
        key: `zaf.request:${id}.done`,
        message: { responseArgs: [body, 'success', { status: answer.status }] },
      })
    } else {
      const xhr = { status: answer.status, statusText: 'error', responseText: answer.body }
      post({ key: `zaf.request:${id}.fail`, message: { responseArgs: [xhr, 'error', 'error'] } })
    }
  }

  function invoke(name, args) {
    if (name === 'resize') {
      const height = Number.parseInt(String(args[0]?.height ?? ''), 10)
      if (Number.isFinite(height) && height > 0) frame.style.height = `${Math.min(height, 20000)}px`
    } else if (name === 'comment.appendMarkdown' || name === 'comment.appendText') {
      note.value = `${note.value}${note.value === '' ? '' : '\n\n'}${String(args[0] ?? '')}`
      document.getElementById('note-type').textContent = store['comment.type'] ?? 'publicReply'
    }
  }

  window.addEventListener('message', (event) => {
    if (event.source !== frame.contentWindow || event.origin !== appOrigin) return
    const message = typeof event.data === 'string' ? JSON.parse(event.data) : event.data
    if (message.key === 'iframe.handshake') {
      post({
        key: 'zaf.app.registered',
        message: { context: data.context, metadata: data.metadata },
      })
    } else if (typeof message.key === 'string' && message.key.startsWith('iframe.on:')) {
      subscriptions.add(message.key.slice('iframe.on:'.length))
    } else if (typeof message.key === 'string' && message.key.startsWith('iframe.off:')) {
      subscriptions.delete(message.key.slice('iframe.off:'.length))
    } else if (typeof message.key === 'string' && /^request:\d+$/.test(message.key)) {
      void proxied(message.key.split(':')[1], message.message)
    } else if (message.request === 'get') {
      const result = { errors: {} }
      for (const path of [].concat(message.params)) {
        if (path in store) result[path] = store[path]
        else result.errors[path] = { message: `"${path}" is not available here` }
      }
      post({ id: message.id, result })
    } else if (message.request === 'set') {
      // Like Zendesk, only some paths may be set; the rest answer an error per path.
      const result = { errors: {} }
      for (const [path, value] of Object.entries(message.params)) {
        if (SETTABLE.has(path)) {
          store[path] = value
          result[path] = value
        } else result.errors[path] = { message: `"${path}" cannot be set here` }
      }
      post({ id: message.id, result })
    } else if (message.request === 'invoke') {
      for (const [name, args] of Object.entries(message.params)) invoke(name, args)
      post({ id: message.id, result: { errors: {} } })
    }
  })

  // Host controls: switch the requester (as an agent editing the ticket would) and hide the app.
  document.getElementById('requester').addEventListener('change', (event) => {
    const next = data.requesters[Number(event.currentTarget.value)]
    store['ticket.requester'] = next
    // The events Zendesk documents for a requester change.
    emit('ticket.requester.id.changed', next.id)
    emit('ticket.requester.email.changed', next.email)
    emit('ticket.requester.externalId.changed', next.externalId)
  })
  // The agent switches Zendesk's theme: the page follows, a reload keeps it, the app is told.
  document.getElementById('scheme-toggle').addEventListener('click', (event) => {
    const scheme = store.colorScheme === 'dark' ? 'light' : 'dark'
    store.colorScheme = scheme
    document.body.className = `zd-${scheme}`
    event.currentTarget.setAttribute('aria-pressed', String(scheme === 'dark'))
    const url = new URL(location.href)
    url.searchParams.set('colorScheme', scheme)
    history.replaceState(null, '', url)
    record(`colorScheme.changed ${scheme}`)
    emit('colorScheme.changed', scheme)
  })
  // The ticket's buttons: the host saves the change and runs the triggers (and their webhook), as
  // Zendesk does once an agent submits; the app hears of a status change as it would in Zendesk.
  const statusText = document.getElementById('ticket-status')
  const ratingText = document.getElementById('ticket-rating')
  const buttons = [...document.querySelectorAll('#ticket-actions button')]
  let ticket = data.ticket
  let busy = false
  const applies = (action) => {
    const solved = ticket.status === 'solved'
    if (action === 'solve') return !solved
    if (action === 'reopen') return solved
    if (action === 'rate_good') return solved && ticket.rating !== 'good'
    if (action === 'rate_bad') return solved && ticket.rating !== 'bad'
    return true
  }
  const enableButtons = () => {
    for (const button of buttons) button.disabled = busy || !applies(button.dataset.action)
  }
  async function act(action, label) {
    busy = true
    enableButtons()
    try {
      const response = await fetch(`/__zendesk/tickets/${ticket.id}/actions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action, requester: store['ticket.requester'].id }),
      })
      const answer = await response.json()
      if (!response.ok) {
        record(`${label}: refused (${answer.error})`)
        return
      }
      if (action === 'new_ticket') {
        location.assign(answer.page)
        return
      }
      const previous = ticket.status
      ticket = answer.ticket
      statusText.textContent = ticket.status
      ratingText.textContent = ticket.rating
      store['ticket.status'] = ticket.status
      record(`${label}: trigger ${answer.event}${answer.sent ? ' sent' : ', no webhook set up'}`)
      if (ticket.status !== previous) emit('ticket.status.changed', ticket.status)
      void showDeliveries()
    } catch (error) {
      record(`${label}: failed (${String(error)})`)
    } finally {
      busy = false
      enableButtons()
    }
  }
  for (const button of buttons)
    button.addEventListener('click', () => void act(button.dataset.action, button.textContent))
  enableButtons()

  // The webhook's latest attempts, as Zendesk's webhook activity log lists them.
  const deliveries = document.getElementById('webhook-deliveries')
  const describeAttempt = (attempt) => {
    const outcome = attempt.result === 'answered' ? String(attempt.status) : attempt.result
    const kind = attempt.kind === 'first' ? '' : ` (${attempt.kind})`
    const retry = attempt.retryInMs === null ? '' : `, retry in ${attempt.retryInMs / 1000} s`
    const invocation = attempt.invocationId.slice(0, 8)
    return `${attempt.at.slice(11, 19)} ${attempt.event} #${attempt.ticketId} -> ${outcome}${kind}${retry} · invocation ${invocation}`
  }
  async function showDeliveries() {
    let lines
    try {
      const answer = await (await fetch('/__zendesk/webhook/deliveries')).json()
      lines = answer.attempts.slice(0, 6).map(describeAttempt)
    } catch (error) {
      lines = [`The deliveries could not be read: ${String(error)}`]
    }
    deliveries.replaceChildren(
      ...lines.map((text) => {
        const line = document.createElement('li')
        line.textContent = text
        return line
      })
    )
  }
  if (data.webhookUrl !== null) {
    void showDeliveries()
    // Retries and duplicates go out later, so the list is read again while the page is open.
    setInterval(() => {
      if (!document.hidden) void showDeliveries()
    }, 1_000)
  }

  let visible = true
  document.getElementById('toggle-app').addEventListener('click', (event) => {
    visible = !visible
    frame.style.display = visible ? '' : 'none'
    event.currentTarget.textContent = visible ? 'Hide app' : 'Show app'
    emit(visible ? 'app.activated' : 'app.deactivated', {})
  })
})()
