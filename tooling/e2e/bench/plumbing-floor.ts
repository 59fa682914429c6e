/**
 * The page bench:zendesk opens in place of the sidebar to measure what any app pays before its own
 * code: a fresh renderer, Zendesk's SDK and handshake, one `get` of the agent and the requester,
 * the relay's context answer through the secure-request proxy (the same signed request the sidebar
 * makes), ICU's first date format, and two text nodes carrying the probe's class names. Measured in
 * the same run as the sidebar, alternating with it, the difference is the sidebar's own time.
 */
export const PLUMBING_FLOOR_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Plumbing floor</title>
<script src="https://static.zdassets.com/zendesk_app_framework_sdk/2.0/zaf_sdk.min.js"></script>
<script>
  var client = ZAFClient.init()
  client.context().then(function (context) {
    return Promise.all([context, client.metadata(), client.get(['currentUser.id', 'currentUser.locale', 'ticket.requester'])])
  }).then(function (read) {
    var context = read[0], settings = read[1].settings, requester = read[2]['ticket.requester']
    var lookup = requester.email ? 'email=' + encodeURIComponent(requester.email) : 'userId=' + encodeURIComponent(requester.externalId)
    return client.request({
      url: settings.relay_url + '/zendesk/v1/context?' + lookup,
      type: 'GET', secure: true, cors: false, dataType: 'json',
      headers: { Authorization: 'Bearer {{jwt.token}}' },
      jwt: { algorithm: 'HS256', secret_key: '{{setting.shared_secret}}', expiry: 60,
        claims: { iss: 'https://' + context.account.subdomain + '.zendesk.com', sub: String(read[2]['currentUser.id']) } }
    })
  }).then(function (answer) {
    var name = document.createElement('p')
    name.className = 'ic-name'
    name.textContent = answer.profiles[0].id
    var row = document.createElement('p')
    row.className = 'ic-entry'
    row.textContent = new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(new Date(answer.timeline.entries[0].at))
    document.body.append(name, row)
  }, function (failure) {
    document.body.textContent = 'The floor page failed: ' + JSON.stringify(failure)
  })
</script></head><body></body></html>`
