/**
 * @module pipedrive-host
 * The panel's side of Pipedrive's app-extensions SDK, typed to what the panel uses. `initialize`
 * goes out as soon as this is called: Pipedrive drops a panel that has not initialized within
 * 10 seconds, so nothing (no relay call, no render) may come first. Every later command waits for
 * it, since the SDK throws on commands sent before.
 */
import SdkExport, { Command, Event } from '@pipedrive/app-extensions-sdk'

import { clampHeight, INITIAL_HEIGHT } from './panel-height.ts'
import type { HostTheme } from './panel-params.ts'

export interface PipedriveHost {
  /** The theme the page was opened with (`?theme`, as the SDK read it). */
  readonly initialTheme: HostTheme
  /** Settles when Pipedrive acknowledged `initialize`. */
  readonly ready: Promise<void>
  signedToken(): Promise<string>
  /** Asks for a height, clamped to Pipedrive's 100–750 px. */
  resize(height: number): Promise<void>
  snackbar(message: string): Promise<void>
  /** The viewer switched Pipedrive's theme. */
  onTheme(listener: (theme: HostTheme) => void): void
  /** Pipedrive collapsed or expanded the panel. */
  onVisibility(listener: (visible: boolean) => void): void
}

type AppExtensionsSDK = typeof SdkExport
/**
 * The SDK is CommonJS only (`exports.default` is the class, marked `__esModule`). Vite 8 follows
 * Node's interop for an ESM importer and hands over the whole `exports` object; other bundlers and
 * test runners hand over the class. Either way, the class.
 */
const imported: unknown = SdkExport
const AppExtensionsSDK: AppExtensionsSDK =
  typeof imported === 'function'
    ? (imported as AppExtensionsSDK)
    : (imported as { default: AppExtensionsSDK }).default

/** As the SDK reads `?theme`: anything but dark is light. */
const themeOf = (theme: unknown): HostTheme => (theme === 'dark' ? 'dark' : 'light')

/** @throws Error when the page was not opened by Pipedrive (the SDK finds no runtime id). */
export function connectToPipedrive(runtimeId: string): PipedriveHost {
  const sdk = new AppExtensionsSDK({ identifier: runtimeId })
  const initialTheme = themeOf(sdk.userSettings.theme)
  const ready = sdk.initialize({ size: { height: INITIAL_HEIGHT } }).then(() => undefined)
  // A refused initialize is reported once, by whoever awaits `ready` (main.tsx); listeners that
  // were waiting for it have nothing to listen to.
  const afterReady = (subscribe: () => void) => void ready.then(subscribe, () => undefined)
  return {
    initialTheme,
    ready,
    async signedToken() {
      await ready
      const { token } = await sdk.execute(Command.GET_SIGNED_TOKEN)
      return token
    },
    async resize(height) {
      await ready
      await sdk.execute(Command.RESIZE, { height: clampHeight(height) })
    },
    async snackbar(message) {
      await ready
      await sdk.execute(Command.SHOW_SNACKBAR, { message })
    },
    onTheme(listener) {
      afterReady(() =>
        sdk.listen(Event.USER_SETTINGS_CHANGE, ({ data }) => {
          // From the event, not sdk.userSettings: the SDK stores the whole `{ data }` there.
          if (data !== undefined) listener(themeOf(data.theme))
        })
      )
    },
    onVisibility(listener) {
      afterReady(() =>
        sdk.listen(Event.VISIBILITY, ({ data }) => {
          if (data !== undefined) listener(data.is_visible)
        })
      )
    },
  }
}
