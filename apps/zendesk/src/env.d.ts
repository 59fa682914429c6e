/// <reference types="vite/client" />

/** The manifest's domainWhitelist of this build (scripts/build-app.ts): the relay hosts it can reach. */
declare const __RELAY_HOSTS__: readonly string[]
