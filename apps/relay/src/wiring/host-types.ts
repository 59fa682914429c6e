/**
 * @module wiring/host-types
 * The types every registered host adds to the relay's own (settings, tenant fields), computed
 * from hosts/registry.ts so that registering a host is all it takes.
 */
import type { z } from 'zod'

import type { RegisteredHost } from '../hosts/registry.ts'

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (
  x: infer I
) => void
  ? I
  : never

// Mapped by hand rather than z.input/z.output of a ZodObject: an empty shape's object type is
// Record<string, never>, which would turn every other host's fields into never.
type OutputOf<S> = { [K in keyof S]: S[K] extends z.ZodType ? z.output<S[K]> : never }
type InputOf<S> = { [K in keyof S]?: S[K] extends z.ZodType ? z.input<S[K]> : never }

type ConfigOf<H> = H extends { config: { shape: infer S extends z.ZodRawShape } }
  ? OutputOf<S>
  : never
type TenantShapeOf<H> = H extends { tenantFields: { shape: infer S extends z.ZodRawShape } }
  ? S
  : never

/** Every host's settings, as one object type. */
export type HostsConfig = UnionToIntersection<ConfigOf<RegisteredHost>>
/** Every host's tenant fields as declarations give them (before defaults and normalising). */
export type HostsTenantInput = UnionToIntersection<InputOf<TenantShapeOf<RegisteredHost>>>
/** The same, validated and normalised. */
export type HostsTenantFields = UnionToIntersection<OutputOf<TenantShapeOf<RegisteredHost>>>
