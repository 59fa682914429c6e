/**
 * @module panel-params
 * What Pipedrive puts in the panel iframe's URL (reference/pipedrive.md §2.1): the SDK's runtime
 * `id`, the viewer, and the record the detail page shows. The relay verified `token` before it
 * served this page, so these values are only used to say what to ask it, never as proof of who
 * the viewer is (the SDK's signed token is that).
 */
import { PIPEDRIVE_RESOURCES, type PipedriveResource } from '@intilery-connect/core'
import { z } from 'zod/mini'

export type HostTheme = 'light' | 'dark'

const numeric = z.string().check(z.regex(/^\d{1,15}$/))

const paramsSchema = z.object({
  id: z.string().check(z.minLength(1)),
  userId: numeric,
  companyId: numeric,
  resource: z.enum(PIPEDRIVE_RESOURCES),
  // One id on detail pages; Pipedrive's list views would send several.
  selectedIds: z.string().check(z.regex(/^\d{1,15}(,\d{1,15})*$/)),
  theme: z.optional(z.string()),
})

export interface PanelParams {
  readonly runtimeId: string
  readonly userId: string
  readonly companyId: string
  readonly resource: PipedriveResource
  /** The record on the detail page (the first selected id). */
  readonly selectedId: number
  readonly theme: HostTheme
}

/** @returns undefined when the page was not opened by Pipedrive (missing or malformed query). */
export function readPanelParams(search: string): PanelParams | undefined {
  const query = Object.fromEntries(new URLSearchParams(search))
  const parsed = paramsSchema.safeParse(query)
  if (!parsed.success) return undefined
  const { id, userId, companyId, resource, selectedIds, theme } = parsed.data
  return {
    runtimeId: id,
    userId,
    companyId,
    resource,
    selectedId: Number(selectedIds.split(',')[0]),
    // As the SDK reads it: anything but `dark` is light.
    theme: theme === 'dark' ? 'dark' : 'light',
  }
}
