/**
 * @module pipedrive/browser-install
 * A user installing the app, as their browser would: open the app's install start URL (which
 * redirects to the consent page with a `state` and sets a cookie), press "Allow" on the sandbox's
 * consent page, and follow the redirect to the app's callback with that cookie. For the demo and
 * benchmarks, which need an installation made through the app's real OAuth routes.
 */
export interface BrowserInstallResult {
  /** The callback's status and where it sent the browser next (the app's setup page). */
  readonly status: number
  readonly location: string | null
}

export async function installThroughBrowser(
  startUrl: string,
  userId: number
): Promise<BrowserInstallResult> {
  const manual = { redirect: 'manual' } as const
  const started = await fetch(startUrl, manual)
  await started.body?.cancel()
  const consentUrl = new URL(started.headers.get('location') ?? startUrl)
  const cookie = (started.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  const allowed = await fetch(new URL('/oauth/authorize', consentUrl), {
    ...manual,
    method: 'POST',
    body: new URLSearchParams({
      user_id: String(userId),
      redirect_uri: consentUrl.searchParams.get('redirect_uri') ?? '',
      state: consentUrl.searchParams.get('state') ?? '',
      decision: 'allow',
    }),
  })
  await allowed.body?.cancel()
  const callback = allowed.headers.get('location')
  if (callback === null) return { status: allowed.status, location: null }
  const done = await fetch(callback, { ...manual, headers: { cookie } })
  await done.body?.cancel()
  return { status: done.status, location: done.headers.get('location') }
}
