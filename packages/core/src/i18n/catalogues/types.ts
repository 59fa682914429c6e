/**
 * @module i18n/catalogues/types
 * A catalogue is a flat map from message id to ICU-subset text (see ../message-syntax.ts). Flat ids
 * (`profile.section.traits`) keep lookups to one property read and make key parity easy to test.
 */

import type { MessagePart } from '../message-syntax.ts'

/**
 * A loaded catalogue: message id to its text, or to the text already parsed (browser builds compile
 * the catalogues at build time, build/compiled-catalogues.ts, so the parser stays out of them).
 */
export type Catalogue = Readonly<Record<string, string | readonly MessagePart[]>>

/** A catalogue as written: every message as text. */
export type SourceCatalogue = Readonly<Record<string, string>>

/**
 * A translation of an English catalogue part: exactly its keys. Annotating a translation's object
 * literal with this type makes tsc reject missing and extra keys; the catalogue test checks the
 * placeholders, which types cannot see.
 */
export type Translation<English extends SourceCatalogue> = {
  readonly [Id in keyof English]: string
}
