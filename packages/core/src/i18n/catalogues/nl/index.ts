/**
 * @module i18n/catalogues/nl
 * The nl catalogue: common, profile and timeline text merged into one flat map.
 */
import type { Translation } from '../types.ts'
import type { en } from '../en/index.ts'
import { commonMessages } from './common.ts'
import { profileMessages } from './profile.ts'
import { timelineMessages } from './timeline.ts'

export const nl: Translation<typeof en> = {
  ...commonMessages,
  ...profileMessages,
  ...timelineMessages,
}
