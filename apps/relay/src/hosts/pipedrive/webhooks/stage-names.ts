/**
 * @module hosts/pipedrive/webhooks/stage-names
 * The companies' stage and pipeline names, for the sales events (which carry names, not ids).
 * A webhook must be acknowledged without calling Pipedrive (it waits 10 s at most, and bans a
 * webhook after 10 failed first attempts), so it reads only this cache: filled when the webhooks
 * are subscribed and, when an event names a stage it does not know or the names are an hour old,
 * refreshed in the background through the company's installation, at most once a minute per
 * company. An event whose stage is not known yet goes without the name (its properties are all
 * optional; the id is in the deal link).
 *
 * In memory, per relay process: a restart starts empty and refills on the first miss.
 */
import type { PipedriveCrm, StageDirectory } from '../api/pipedrive-port.ts'

export const NAMES_FRESH_MS = 60 * 60_000
export const REFRESH_AT_MOST_EVERY_MS = 60_000

export interface StageNames {
  /** Cached names only; asks for a background refresh when one is missing or old. */
  lookup(
    companyId: string,
    stageId: number | undefined
  ): { readonly stage?: string | undefined; readonly pipeline?: string | undefined }
  /** Reads the company's names now (at subscription, with the installer's token). */
  refresh(companyId: string, crm: PipedriveCrm): Promise<void>
}

export function createStageNames(deps: {
  /** The company's CRM through a connected installation; undefined when it has none. */
  readonly crmOf: (companyId: string) => Promise<PipedriveCrm | undefined>
  readonly now: () => number
  readonly warn: (event: string, fields: Readonly<Record<string, string>>) => void
}): StageNames {
  const directories = new Map<string, { readonly at: number; readonly names: StageDirectory }>()
  const lastAsked = new Map<string, number>()

  async function refresh(companyId: string, crm: PipedriveCrm) {
    directories.set(companyId, { at: deps.now(), names: await crm.stageDirectory() })
  }

  function refreshLater(companyId: string) {
    const asked = lastAsked.get(companyId)
    if (asked !== undefined && deps.now() - asked < REFRESH_AT_MOST_EVERY_MS) return
    lastAsked.set(companyId, deps.now())
    void (async () => {
      const crm = await deps.crmOf(companyId)
      if (crm !== undefined) await refresh(companyId, crm)
    })().catch((error: unknown) =>
      deps.warn('pipedrive_stage_names_not_read', {
        company: companyId,
        reason: error instanceof Error ? error.message : 'unknown',
      })
    )
  }

  return {
    lookup(companyId, stageId) {
      if (stageId === undefined) return {}
      const cached = directories.get(companyId)
      const stage = cached?.names.stages.get(stageId)
      if (cached === undefined || stage === undefined || deps.now() - cached.at > NAMES_FRESH_MS)
        refreshLater(companyId)
      if (stage === undefined) return {}
      return { stage: stage.name, pipeline: cached?.names.pipelines.get(stage.pipelineId) }
    },
    refresh,
  }
}
