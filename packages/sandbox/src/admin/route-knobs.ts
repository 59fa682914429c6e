/**
 * @module admin/route-knobs
 * What every stand-in's fault knobs share (the Intilery one's in admin/faults.ts, Pipedrive's in
 * pipedrive/faults.ts): settings validated as a whole on each change, limited to some routes, an
 * added latency, and a seeded generator so a run's random choices are reproducible.
 */
import { Random } from '../seed/random.ts'

/** The dataset's mulberry32 (seed/random.ts): reproducible fault sequences matter more than quality. */
function seeded(seed: number): () => number {
  const random = new Random(seed)
  return () => random.next()
}

interface RoutedSettings<Route extends string> {
  readonly latencyMs: number
  /** Which routes the knobs affect; all when empty. */
  readonly routes: Route[]
}

export class RouteKnobs<Route extends string, Settings extends RoutedSettings<Route>> {
  protected settings: Settings
  protected random: () => number

  constructor(
    private readonly none: Settings,
    private readonly schema: { parse(value: unknown): Settings },
    private readonly seed = 1
  ) {
    this.settings = { ...none }
    this.random = seeded(seed)
  }

  get current(): Settings {
    return { ...this.settings, routes: [...this.settings.routes] }
  }

  /** Changes some knobs, leaving the others as they are. */
  set(patch: { readonly [K in keyof Settings]?: Settings[K] | undefined }): Settings {
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined))
    this.settings = this.schema.parse({ ...this.settings, ...defined })
    return this.current
  }

  reset(): void {
    this.settings = { ...this.none }
    this.random = seeded(this.seed)
  }

  affects(route: Route): boolean {
    return this.settings.routes.length === 0 || this.settings.routes.includes(route)
  }

  latencyFor(route: Route): number {
    return this.affects(route) ? this.settings.latencyMs : 0
  }

  /** True with probability `rate` for an affected route (drawing from the seeded sequence). */
  protected chance(route: Route, rate: number): boolean {
    return this.affects(route) && rate > 0 && this.random() < rate
  }
}
