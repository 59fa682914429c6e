/**
 * @module i18n/catalogues/ja
 * The ja catalogue: common, profile, timeline and Pipedrive text merged into one flat map.
 */
import type { Translation } from '../types.ts'
import type { en } from '../en/index.ts'
import { commonMessages } from './common.ts'
import { pipedriveMessages } from './pipedrive.ts'
import { profileMessages } from './profile.ts'
import { timelineMessages } from './timeline.ts'

export const ja: Translation<typeof en> = {
  ...commonMessages,
  ...profileMessages,
  ...timelineMessages,
  ...pipedriveMessages,
}
