// The stop stack behind the demo and the browser suites: everything started is stopped, last
// first, even when the set-up or one of the stops fails.
import { expect, it } from 'vitest'

import { StopFailedError, StopStack } from '../src/stop-stack.ts'

/** A stop (or start) that records `name` and resolves. */
const record = (into: string[], name: string) => () => {
  into.push(name)
  return Promise.resolve(name)
}

it('stops what was started, last first, once', async () => {
  const stopped: string[] = []
  const stack = new StopStack()
  await stack.start(
    () => Promise.resolve('a'),
    (name) => record(stopped, name)()
  )
  stack.defer(record(stopped, 'b'))
  await stack.start(
    () => Promise.resolve('c'),
    (name) => record(stopped, name)()
  )
  await stack.stopAll()
  await stack.stopAll()
  expect(stopped).toEqual(['c', 'b', 'a'])
})

it('runs every stop when one fails, then throws what failed', async () => {
  const stopped: string[] = []
  const stack = new StopStack()
  stack.defer(record(stopped, 'first'))
  stack.defer(() => Promise.reject(new Error('cannot stop the middle one')))
  stack.defer(record(stopped, 'last'))
  const failure = await stack.stopAll().catch((error: unknown) => error)
  expect(stopped).toEqual(['last', 'first'])
  expect(failure).toBeInstanceOf(StopFailedError)
  expect((failure as StopFailedError).errors.map((error) => (error as Error).message)).toEqual([
    'cannot stop the middle one',
  ])
})

it('stops what a failed set-up started and rethrows its error; a failed start is not stopped', async () => {
  const stopped: string[] = []
  const stack = new StopStack()
  const setUp = stack.startAll(async (running) => {
    await running.start(
      () => Promise.resolve('server'),
      (name) => record(stopped, name)()
    )
    await running.start(() => Promise.reject(new Error('no browser')), record(stopped, 'browser'))
  })
  await expect(setUp).rejects.toThrow('no browser')
  expect(stopped).toEqual(['server'])
})
