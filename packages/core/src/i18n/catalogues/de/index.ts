/**
 * @module i18n/catalogues/de
 * The de catalogue: common, profile, timeline and Pipedrive text merged into one flat map.
 */
import type { Translation } from '../types.ts'
import type { en } from '../en/index.ts'
import { commonMessages } from './common.ts'
import { pipedriveMessages } from './pipedrive.ts'
import { profileMessages } from './profile.ts'
import { timelineMessages } from './timeline.ts'

export const de: Translation<typeof en> = {
  ...commonMessages,
  ...profileMessages,
  ...timelineMessages,
  ...pipedriveMessages,
}
