/**
 * @module platform/openapi/openapi-document
 * The relay's OpenAPI 3.1 document, assembled from its parts (each host's, the public API's),
 * each built from the same zod schemas that validate the data (zod 4 emits JSON Schema), so the
 * document cannot drift from what the relay answers.
 */
import type { OpenApiPart } from './openapi-parts.ts'

/**
 * @param generated what @hono/zod-openapi wrote from the routes' own schemas
 * @param parts hand-written parts, for routes not declared with a schema
 */
export function openApiDocument(
  generated: { readonly paths?: object; readonly components?: { securitySchemes?: object } },
  parts: readonly OpenApiPart[]
): object {
  const all: OpenApiPart[] = [
    {
      paths: (generated.paths ?? {}) as OpenApiPart['paths'],
      securitySchemes: (generated.components?.securitySchemes ??
        {}) as OpenApiPart['securitySchemes'],
    },
    ...parts,
  ]
  return {
    openapi: '3.1.0',
    info: {
      title: 'Intilery Connect relay',
      version: '0.1.0',
      description:
        'Customer context from the Intilery Profile API for host apps (Zendesk, Pipedrive…) and server-side callers.',
    },
    components: {
      securitySchemes: Object.assign({}, ...all.map((part) => part.securitySchemes)) as object,
    },
    paths: Object.assign({}, ...all.map((part) => part.paths)) as object,
  }
}
