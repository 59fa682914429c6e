/**
 * @module zaf
 * Our own typed slice of the Zendesk App Framework client (no typed package exists). The SDK itself
 * is Zendesk's script, loaded by index.html from their CDN (the local host page serves a copy); it
 * defines the global `ZAFClient`. Only what this app uses is typed; results are checked with zod
 * where the app reads them (zaf-reads.ts).
 */

/** Options of `client.request` as the app uses them: always through Zendesk's secure proxy. */
export interface ZafRequestOptions {
  readonly url: string
  readonly type: 'GET' | 'PUT' | 'DELETE'
  /** A JSON body (remembering a choice), with `contentType: 'application/json'`. */
  readonly data?: string
  readonly contentType?: 'application/json'
  readonly secure: true
  readonly cors: false
  readonly dataType: 'json'
  readonly headers: Readonly<Record<string, string>>
  readonly jwt: {
    readonly algorithm: 'HS256'
    readonly secret_key: string
    readonly expiry: number
    readonly claims: Readonly<Record<string, string>>
  }
}

/** What `client.request` rejects with: jQuery's XHR-like object. */
export interface ZafRequestFailure {
  readonly status?: number
  readonly responseText?: string
  readonly getResponseHeader?: (name: string) => string | null
}

export interface ZafClient {
  get(paths: string | readonly string[]): Promise<Record<string, unknown>>
  set(path: string, value: unknown): Promise<Record<string, unknown>>
  invoke(name: string, ...args: unknown[]): Promise<Record<string, unknown>>
  on(event: string, handler: (payload?: unknown) => void): void
  context(): Promise<Record<string, unknown>>
  metadata(): Promise<{ settings: Record<string, unknown>; [key: string]: unknown }>
  request(options: ZafRequestOptions): Promise<unknown>
}

/** index.html's first get: what it asked for (by location) and Zendesk's answer. */
export interface EarlyGet {
  readonly location: unknown
  readonly answer: Record<string, unknown>
}

declare global {
  interface Window {
    ZAFClient?: { init(callback?: (context: unknown) => void): ZafClient | false }
    /** The client index.html started as soon as the SDK loaded (false outside Zendesk). */
    intileryZaf?: ZafClient | false | undefined
    /**
     * index.html's early get of the agent and the customer (zaf-reads.ts readAgentAndCustomer
     * takes it): the location it asked for and Zendesk's answer, unchecked.
     */
    intileryFirstGet?: Promise<EarlyGet> | false | undefined
  }
}

/** The client of this iframe; undefined when the page was opened outside Zendesk. */
export function initZaf(): ZafClient | undefined {
  // index.html's client when it started one (init() twice would register the app twice).
  const client = window.intileryZaf ?? window.ZAFClient?.init()
  return client === false || client === undefined ? undefined : client
}
