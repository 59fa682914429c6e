/**
 * @module i18n/catalogues/en
 * The English catalogue: the reference every translation must match key for key.
 */
import { commonMessages } from './common.ts'
import { pipedriveMessages } from './pipedrive.ts'
import { profileMessages } from './profile.ts'
import { timelineMessages } from './timeline.ts'

export const en = {
  ...commonMessages,
  ...profileMessages,
  ...timelineMessages,
  ...pipedriveMessages,
} as const

/** Every message id the shipped code may emit. */
export type MessageId = keyof typeof en

export { commonMessages, pipedriveMessages, profileMessages, timelineMessages }
