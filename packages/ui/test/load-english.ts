// Hosts load the reader's catalogues (English with them) before their first render; the component
// tests start where a host's render does. The loading itself is tested in core, and in the browser
// tests, where the built apps start with no catalogue at all.
import { loadLocale } from '@intilery-connect/core'

await loadLocale('en')
