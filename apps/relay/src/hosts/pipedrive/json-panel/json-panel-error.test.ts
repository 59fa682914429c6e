import { createTranslator, loadLocale, SUPPORTED_LOCALES } from '@intilery-connect/core'
import { beforeAll, describe, expect, it } from 'vitest'

import { RelayError, UnauthenticatedError } from '../../../platform/errors.ts'
import { PipedriveCallError } from '../api/pipedrive-port.ts'
import { NotConnectedError } from '../pipedrive-session.ts'
import { panelFailure } from './json-panel-error.ts'

const LINKS = { connectPipedrive: 'https://relay.example/pipedrive/oauth/start' }
const FAILURES = [
  new NotConnectedError('no_tenant'),
  new NotConnectedError('disconnected'),
  new NotConnectedError('not_installed'),
  new PipedriveCallError('unavailable', 'x'),
  new PipedriveCallError('revoked', 'x'),
  new UnauthenticatedError('bad_token'),
  new RelayError('bad_request', 'x'),
  new RelayError('rate_limited', 'x'),
  new RelayError('misconfigured', 'x'),
  new RelayError('upstream_unavailable', 'x'),
  new Error('boom'),
]

beforeAll(() => Promise.all(SUPPORTED_LOCALES.map((locale) => loadLocale(locale))))

describe('the JSON panel’s error states', () => {
  it.each(SUPPORTED_LOCALES)('fit Pipedrive’s limits and are all translated in %s', (locale) => {
    for (const error of FAILURES) {
      const { error: shown } = panelFailure(error, LINKS, [locale]).body
      expect(shown.title.length).toBeLessThanOrEqual(30)
      // No key read as an id, and no Markdown syntax in a subtitle Pipedrive renders as Markdown.
      expect(JSON.stringify(shown)).not.toMatch(/pipedrive\.error\./)
      expect(shown.subtitle ?? '').not.toMatch(/[*_[\]`<>#]/)
    }
  })

  it('speak the viewer’s language, with the action that fixes it', () => {
    expect(panelFailure(new NotConnectedError('no_tenant'), LINKS, ['de-DE']).body).toEqual({
      error: {
        title: 'Intilery verbinden',
        subtitle:
          'Dieses Pipedrive-Unternehmen ist noch mit keinem Intilery-Arbeitsbereich verknüpft. Ein Pipedrive-Admin verknüpft es, indem er die App installiert.',
        action: { url: LINKS.connectPipedrive, label: 'Intilery verbinden' },
      },
    })
    expect(panelFailure(new RelayError('rate_limited', 'x'), LINKS).body.error.title).toBe(
      createTranslator('en').t('pipedrive.error.tooMany.title')
    )
  })
})
