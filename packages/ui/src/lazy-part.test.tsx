// @vitest-environment happy-dom
// A part loaded with import() on first draw: the fallback until its code is there, then the part;
// a failed load says so, and its retry loads again.
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { describe, expect, it, vi } from 'vitest'

import { lazyPart } from './lazy-part.tsx'

const Greeting = ({ name }: { name: string }) => <p class="part">Hello {name}</p>

/** A loader the test settles by hand, once per call. */
function manualLoader() {
  const calls: { resolve: (c: typeof Greeting) => void; reject: (e: Error) => void }[] = []
  const load = vi.fn(
    () =>
      new Promise<typeof Greeting>((resolve, reject) => {
        calls.push({ resolve, reject })
      })
  )
  return { load, calls }
}

describe('lazyPart', () => {
  it('draws the fallback until the code is there, then the part, and loads it once', async () => {
    const { load, calls } = manualLoader()
    const { Part } = lazyPart(load)
    const root = document.createElement('div')
    await act(() => render(<Part name="Joe" fallback={<i>loading</i>} />, root))
    expect(root.innerHTML).toBe('<i>loading</i>')
    await act(() => calls[0]?.resolve(Greeting))
    await vi.waitFor(() => expect(root.querySelector('.part')?.textContent).toBe('Hello Joe'))
    // Drawn again elsewhere: there at once, not loaded twice.
    const other = document.createElement('div')
    await act(() => render(<Part name="Ann" fallback={<i>loading</i>} />, other))
    expect(other.querySelector('.part')?.textContent).toBe('Hello Ann')
    expect(load).toHaveBeenCalledTimes(1)
  })

  it('says when the code could not be loaded, and loads it again on retry', async () => {
    const { load, calls } = manualLoader()
    const { Part } = lazyPart(load, ({ name }, retry) => (
      <button type="button" onClick={retry}>
        failed for {name}
      </button>
    ))
    const root = document.createElement('div')
    await act(() => render(<Part name="Joe" />, root))
    await act(() => calls[0]?.reject(new Error('chunk not loaded')))
    await vi.waitFor(() => expect(root.querySelector('button')?.textContent).toBe('failed for Joe'))
    await act(() => root.querySelector('button')?.click())
    expect(load).toHaveBeenCalledTimes(2)
    expect(root.querySelector('button')).toBeNull()
    await act(() => calls[1]?.resolve(Greeting))
    await vi.waitFor(() => expect(root.querySelector('.part')?.textContent).toBe('Hello Joe'))
  })

  it('draws the part when its code arrives between the first draw and that draw’s effect', async () => {
    const { load, calls } = manualLoader()
    const part = lazyPart(load)
    const preloaded = part.preload()
    const root = document.createElement('div')
    // Drawn outside act(): the effect waits for the next frame, as in a browser.
    render(<part.Part name="Joe" fallback={<i>loading</i>} />, root)
    expect(root.innerHTML).toBe('<i>loading</i>')
    calls[0]?.resolve(Greeting)
    await preloaded
    await vi.waitFor(() => expect(root.querySelector('.part')?.textContent).toBe('Hello Joe'))
  })

  it('preloads ahead of need, and resolves even when the load fails', async () => {
    const failing = lazyPart(() => Promise.reject(new Error('offline')))
    await expect(failing.preload()).resolves.toBeUndefined()
    const { load, calls } = manualLoader()
    const part = lazyPart(load)
    const preloaded = part.preload()
    calls[0]?.resolve(Greeting)
    await preloaded
    const root = document.createElement('div')
    render(<part.Part name="Joe" />, root)
    // Loaded before the first draw: the part itself, with no fallback in between.
    expect(root.querySelector('.part')?.textContent).toBe('Hello Joe')
  })
})
