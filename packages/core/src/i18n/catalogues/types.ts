/**
 * @module i18n/catalogues/types
 * A catalogue is a flat map from message id to ICU-subset text (see ../message-syntax.ts). Flat ids
 * (`profile.section.traits`) keep lookups to one property read and make key parity easy to test.
 */

export type Catalogue = Readonly<Record<string, string>>

/**
 * A translation of an English catalogue part: exactly its keys. Annotating a translation's object
 * literal with this type makes tsc reject missing and extra keys; the catalogue test checks the
 * placeholders, which types cannot see.
 */
export type Translation<English extends Catalogue> = { readonly [Id in keyof English]: string }
