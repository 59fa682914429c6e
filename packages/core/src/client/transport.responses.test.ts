import { describe, expect, it } from 'vitest'

import { type IntileryError, UpstreamError } from '../errors.ts'
import { createProfileRef } from '../profile-ref.ts'
import { fakeFetch, json, ok, ref, setup, status, type Step } from './testing/fake-fetch.ts'

describe('x-amzn-RequestId', () => {
  it('is exposed on results and undefined when absent', async () => {
    await expect(setup(fakeFetch(ok)).client.traits(ref)).resolves.toMatchObject({
      requestId: 'req-ok',
    })
    const bare: Step = () => json({ id: 'p1' })
    await expect(setup(fakeFetch(bare)).client.traits(ref)).resolves.toMatchObject({
      requestId: undefined,
    })
  })

  it.each([400, 401, 404, 413, 500])('is exposed on the error of an HTTP %d', async (code) => {
    await expect(setup(fakeFetch(status(code))).client.traits(ref)).rejects.toMatchObject({
      requestId: `req-${code}`,
    })
  })

  it('is exposed on a malformed response', async () => {
    const junk: Step = () =>
      new Response('<html>', { status: 200, headers: { 'X-Amzn-RequestId': 'req-junk' } })
    await expect(setup(fakeFetch(junk)).client.traits(ref)).rejects.toMatchObject({
      requestId: 'req-junk',
    })
  })
})

describe('malformed 200 responses', () => {
  const malformed = async (
    body: string,
    call: (c: ReturnType<typeof setup>['client']) => Promise<unknown>
  ) => {
    const fetch = fakeFetch(() => new Response(body, { status: 200 }), ok)
    const error = (await call(setup(fetch).client).catch((e: unknown) => e)) as IntileryError
    expect(error).toBeInstanceOf(UpstreamError)
    expect(error).toMatchObject({ code: 'malformed_response', status: 200, retryable: false })
    expect(fetch).toHaveBeenCalledTimes(1)
    return error
  }

  it.each(['', 'not json', '<html>oops</html>', '{"id":'])(
    'rejects the non-JSON body %j without retrying',
    async (body) => {
      expect((await malformed(body, (c) => c.traits(ref))).message).toMatch(/not JSON/)
    }
  )

  it('rejects a traits body of the wrong shape, naming the field', async () => {
    const error = await malformed(JSON.stringify({ firstName: 'Joe' }), (c) => c.traits(ref))
    expect(error.message).toMatch(/unexpected shape \(id: expected string\)/)
  })

  it('rejects a single object where an email lookup expects { data: [...] }', async () => {
    await malformed(JSON.stringify({ id: 'p1' }), (c) =>
      c.traits(createProfileRef('email', 'joe@x.com'))
    )
  })

  it('rejects an events page without scrollId or with a broken event', async () => {
    await malformed(JSON.stringify({ data: [] }), (c) => c.events(ref))
    await malformed(JSON.stringify({ scrollId: 's', data: [{ eventId: 'e1' }] }), (c) =>
      c.events(ref)
    )
  })

  it('rejects a profile list whose data is not an array', async () => {
    await malformed(JSON.stringify({ data: {} }), (c) => c.listProfiles())
  })
})
