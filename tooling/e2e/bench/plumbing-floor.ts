/**
 * The page bench:zendesk opens in place of the sidebar to measure what any app pays before its own
 * code: a fresh renderer, Zendesk's SDK and handshake, one `get` of the agent and the requester,
 * the relay's context answer through the secure-request proxy (the same signed request the sidebar
 * makes, with the same claims), ICU's first date format, and two text nodes carrying the probe's
 * class names. Opened in pairs with the sidebar under the same load, the difference within each
 * pair is what the sidebar adds to this floor.
 */
export const PLUMBING_FLOOR_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Plumbing floor</title>
<script src="https://static.zdassets.com/zendesk_app_framework_sdk/2.0/zaf_sdk.min.js"></script>
<script>
  var client = ZAFClient.init()
  client.context().then(function (context) {
    return Promise.all([context, client.metadata(), client.get(['currentUser.id', 'currentUser.locale', 'ticket.requester'])])
  }).then(function (read) {
    var context = read[0], metadata = read[1], requester = read[2]['ticket.requester'] || {}
    var email = (requester.email || '').trim()
    var lookup = email !== '' ? 'email=' + encodeURIComponent(email)
      : requester.externalId ? 'userId=' + encodeURIComponent(String(requester.externalId)) : ''
    if (lookup === '') throw new Error('the requester has neither an email nor an external id')
    // The sidebar's claims (secure-relay-get.ts): issuer, agent, and the installation when valid.
    var claims = { iss: 'https://' + context.account.subdomain + '.zendesk.com', sub: String(read[2]['currentUser.id']) }
    if (/^[A-Za-z0-9_-]{1,40}$/.test(String(metadata.installationId))) claims.installation_id = String(metadata.installationId)
    return client.request({
      url: metadata.settings.relay_url + '/zendesk/v1/context?' + lookup,
      type: 'GET', secure: true, cors: false, dataType: 'json',
      headers: { Authorization: 'Bearer {{jwt.token}}' },
      jwt: { algorithm: 'HS256', secret_key: '{{setting.shared_secret}}', expiry: 60, claims: claims }
    })
  }).then(function (answer) {
    var name = document.createElement('p')
    name.className = 'ic-name'
    name.textContent = answer.profiles[0].id
    var row = document.createElement('p')
    row.className = 'ic-entry'
    row.textContent = new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(new Date(answer.timeline.entries[0].at))
    document.body.append(name, row)
  }).catch(function (failure) {
    // Read by the bench when no paint comes (zendesk.bench.ts, appFrameText).
    document.body.textContent = 'The floor page failed: ' + (failure instanceof Error ? failure.message : JSON.stringify(failure))
  })
</script></head><body></body></html>`
