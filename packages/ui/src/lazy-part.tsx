/**
 * @module lazy-part
 * A part of the panel no first paint of a found customer needs (the picker, the filter bar, the
 * search form, the note action, the recent orders, a failure, the copy buttons in their closed
 * section), loaded with import() the first time it is drawn or preloaded: the sidebar's up-front
 * script has a budget (bench:zendesk), and these parts would otherwise count against it.
 * Hand-written rather than preact/compat's `lazy` + `Suspense`: compat brings React's API layer
 * for what is one hook here.
 *
 * Until the code is there the part draws `fallback`; when it cannot be loaded (a network blip) it
 * draws what `failed` (given to lazyPart, the same for every draw) makes of its props and a retry.
 */
import type { ComponentChildren, FunctionComponent } from 'preact'
import { useEffect, useState } from 'preact/hooks'

export interface LazyPartProps {
  /** Drawn while the code loads (default: nothing). */
  readonly fallback?: ComponentChildren
}

/** What a part draws when its code could not be loaded, with a way to try again. */
export type PartFailure<P> = (props: P, retry: () => void) => ComponentChildren

export interface LazyPart<P> {
  readonly Part: FunctionComponent<P & LazyPartProps>
  /**
   * Loads the code ahead of need (after the first paint); resolves once it is there, or when it
   * could not be loaded: a failure is left for the next draw to say.
   */
  readonly preload: () => Promise<void>
}

export function lazyPart<P extends object>(
  load: () => Promise<FunctionComponent<P>>,
  failed?: PartFailure<NoInfer<P>>
): LazyPart<P> {
  let loaded: FunctionComponent<P> | undefined
  let loading: Promise<FunctionComponent<P>> | undefined
  const get = () =>
    (loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        loading = undefined
        throw error
      }
    ))

  function Part(props: P & LazyPartProps) {
    const [, setLoadedNow] = useState(false)
    const [hasFailed, setFailed] = useState(false)
    const [attempt, setAttempt] = useState(0)
    useEffect(() => {
      // Loaded between this draw and its effect (a preload finished): draw it now.
      if (loaded !== undefined) return setLoadedNow(true)
      let current = true
      setFailed(false)
      get().then(
        () => current && setLoadedNow(true),
        () => current && setFailed(true)
      )
      return () => {
        current = false
      }
    }, [attempt])
    if (loaded !== undefined) {
      const Loaded = loaded
      return <Loaded {...props} />
    }
    if (!hasFailed) return <>{props.fallback}</>
    return <>{failed?.(props, () => setAttempt((n) => n + 1))}</>
  }
  return {
    Part,
    preload: () =>
      get().then(
        () => undefined,
        () => undefined
      ),
  }
}
