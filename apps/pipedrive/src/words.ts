/**
 * @module words
 * The panel's own words, for what only a Pipedrive panel says (why a record has nobody to show,
 * connecting Pipedrive, notes on the record); everything else comes from core's catalogues through
 * the shared panel. In the locales core ships, chosen the way core chooses its catalogue.
 */
import { resolveLocale, type SupportedLocale } from '@intilery-connect/core'

import type { Resource } from './panel-params.ts'
import type { NoLookupReason } from './subject.ts'

export interface Words {
  readonly noteAdd: string
  readonly noteAdded: string
  /** Pipedrive's snackbar after the note was saved. */
  readonly noteSnackbar: string
  readonly connect: string
  readonly outsidePipedrive: string
  readonly couldNotStart: (reason: string) => string
  readonly notFound: Readonly<Record<Resource, string>>
  readonly noPerson: Readonly<Record<Resource, string>>
  readonly noEmail: Readonly<Record<Resource, string>>
  readonly noProfile: (emails: string) => string
  readonly firstPeopleOnly: (count: number) => string
}

const en: Words = {
  noteAdd: 'Add summary as a note',
  noteAdded: 'Summary added as a note.',
  noteSnackbar: 'Summary added as a note',
  connect: 'Connect Pipedrive',
  outsidePipedrive: 'This page runs inside Pipedrive.',
  couldNotStart: (reason) => `The Intilery panel could not start: ${reason}`,
  notFound: {
    person: 'Pipedrive could not find this person.',
    deal: 'Pipedrive could not find this deal.',
    organization: 'Pipedrive could not find this organization.',
  },
  noPerson: {
    person: 'Pipedrive could not find this person.',
    deal: 'This deal has no contact person.',
    organization: 'This organization has no people.',
  },
  noEmail: {
    person: 'This person has no email address.',
    deal: 'This deal’s contact person has no email address.',
    organization: 'None of this organization’s people has an email address.',
  },
  noProfile: (emails) => `No Intilery customer matches ${emails}.`,
  firstPeopleOnly: (count) => `Only the first ${count} people of this organization were checked.`,
}

const de: Words = {
  noteAdd: 'Zusammenfassung als Notiz hinzufügen',
  noteAdded: 'Zusammenfassung als Notiz hinzugefügt.',
  noteSnackbar: 'Zusammenfassung als Notiz hinzugefügt',
  connect: 'Pipedrive verbinden',
  outsidePipedrive: 'Diese Seite läuft in Pipedrive.',
  couldNotStart: (reason) => `Das Intilery-Panel konnte nicht starten: ${reason}`,
  notFound: {
    person: 'Pipedrive hat diese Person nicht gefunden.',
    deal: 'Pipedrive hat diesen Deal nicht gefunden.',
    organization: 'Pipedrive hat diese Organisation nicht gefunden.',
  },
  noPerson: {
    person: 'Pipedrive hat diese Person nicht gefunden.',
    deal: 'Dieser Deal hat keine Kontaktperson.',
    organization: 'Diese Organisation hat keine Personen.',
  },
  noEmail: {
    person: 'Diese Person hat keine E-Mail-Adresse.',
    deal: 'Die Kontaktperson dieses Deals hat keine E-Mail-Adresse.',
    organization: 'Keine Person dieser Organisation hat eine E-Mail-Adresse.',
  },
  noProfile: (emails) => `Kein Intilery-Kunde passt zu ${emails}.`,
  firstPeopleOnly: (count) =>
    `Nur die ersten ${count} Personen dieser Organisation wurden geprüft.`,
}

const fr: Words = {
  noteAdd: 'Ajouter le résumé en note',
  noteAdded: 'Résumé ajouté en note.',
  noteSnackbar: 'Résumé ajouté en note',
  connect: 'Connecter Pipedrive',
  outsidePipedrive: 'Cette page s’affiche dans Pipedrive.',
  couldNotStart: (reason) => `Le panneau Intilery n’a pas pu démarrer : ${reason}`,
  notFound: {
    person: 'Pipedrive ne trouve pas cette personne.',
    deal: 'Pipedrive ne trouve pas cette affaire.',
    organization: 'Pipedrive ne trouve pas cette organisation.',
  },
  noPerson: {
    person: 'Pipedrive ne trouve pas cette personne.',
    deal: 'Cette affaire n’a pas de personne à contacter.',
    organization: 'Cette organisation n’a aucune personne.',
  },
  noEmail: {
    person: 'Cette personne n’a pas d’adresse e-mail.',
    deal: 'La personne à contacter de cette affaire n’a pas d’adresse e-mail.',
    organization: 'Aucune personne de cette organisation n’a d’adresse e-mail.',
  },
  noProfile: (emails) => `Aucun client Intilery ne correspond à ${emails}.`,
  firstPeopleOnly: (count) =>
    `Seules les ${count} premières personnes de cette organisation ont été vérifiées.`,
}

const es: Words = {
  noteAdd: 'Añadir resumen como nota',
  noteAdded: 'Resumen añadido como nota.',
  noteSnackbar: 'Resumen añadido como nota',
  connect: 'Conectar Pipedrive',
  outsidePipedrive: 'Esta página funciona dentro de Pipedrive.',
  couldNotStart: (reason) => `El panel de Intilery no pudo iniciarse: ${reason}`,
  notFound: {
    person: 'Pipedrive no encuentra a esta persona.',
    deal: 'Pipedrive no encuentra este trato.',
    organization: 'Pipedrive no encuentra esta organización.',
  },
  noPerson: {
    person: 'Pipedrive no encuentra a esta persona.',
    deal: 'Este trato no tiene persona de contacto.',
    organization: 'Esta organización no tiene personas.',
  },
  noEmail: {
    person: 'Esta persona no tiene dirección de correo electrónico.',
    deal: 'La persona de contacto de este trato no tiene dirección de correo electrónico.',
    organization: 'Ninguna persona de esta organización tiene dirección de correo electrónico.',
  },
  noProfile: (emails) => `Ningún cliente de Intilery coincide con ${emails}.`,
  firstPeopleOnly: (count) =>
    `Solo se comprobaron las primeras ${count} personas de esta organización.`,
}

const nl: Words = {
  noteAdd: 'Samenvatting als notitie toevoegen',
  noteAdded: 'Samenvatting als notitie toegevoegd.',
  noteSnackbar: 'Samenvatting als notitie toegevoegd',
  connect: 'Pipedrive koppelen',
  outsidePipedrive: 'Deze pagina werkt binnen Pipedrive.',
  couldNotStart: (reason) => `Het Intilery-paneel kon niet starten: ${reason}`,
  notFound: {
    person: 'Pipedrive kan deze persoon niet vinden.',
    deal: 'Pipedrive kan deze deal niet vinden.',
    organization: 'Pipedrive kan deze organisatie niet vinden.',
  },
  noPerson: {
    person: 'Pipedrive kan deze persoon niet vinden.',
    deal: 'Deze deal heeft geen contactpersoon.',
    organization: 'Deze organisatie heeft geen personen.',
  },
  noEmail: {
    person: 'Deze persoon heeft geen e-mailadres.',
    deal: 'De contactpersoon van deze deal heeft geen e-mailadres.',
    organization: 'Geen van de personen van deze organisatie heeft een e-mailadres.',
  },
  noProfile: (emails) => `Geen Intilery-klant komt overeen met ${emails}.`,
  firstPeopleOnly: (count) =>
    `Alleen de eerste ${count} personen van deze organisatie zijn bekeken.`,
}

const ptBR: Words = {
  noteAdd: 'Adicionar resumo como nota',
  noteAdded: 'Resumo adicionado como nota.',
  noteSnackbar: 'Resumo adicionado como nota',
  connect: 'Conectar o Pipedrive',
  outsidePipedrive: 'Esta página funciona dentro do Pipedrive.',
  couldNotStart: (reason) => `O painel da Intilery não pôde iniciar: ${reason}`,
  notFound: {
    person: 'O Pipedrive não encontrou esta pessoa.',
    deal: 'O Pipedrive não encontrou este negócio.',
    organization: 'O Pipedrive não encontrou esta organização.',
  },
  noPerson: {
    person: 'O Pipedrive não encontrou esta pessoa.',
    deal: 'Este negócio não tem pessoa de contato.',
    organization: 'Esta organização não tem pessoas.',
  },
  noEmail: {
    person: 'Esta pessoa não tem endereço de e-mail.',
    deal: 'A pessoa de contato deste negócio não tem endereço de e-mail.',
    organization: 'Nenhuma pessoa desta organização tem endereço de e-mail.',
  },
  noProfile: (emails) => `Nenhum cliente da Intilery corresponde a ${emails}.`,
  firstPeopleOnly: (count) =>
    `Apenas as primeiras ${count} pessoas desta organização foram verificadas.`,
}

const ja: Words = {
  noteAdd: '概要をメモとして追加',
  noteAdded: '概要をメモとして追加しました。',
  noteSnackbar: '概要をメモとして追加しました',
  connect: 'Pipedrive を接続',
  outsidePipedrive: 'このページは Pipedrive の中で動作します。',
  couldNotStart: (reason) => `Intilery パネルを開始できませんでした: ${reason}`,
  notFound: {
    person: 'Pipedrive にこの人物が見つかりません。',
    deal: 'Pipedrive にこの取引が見つかりません。',
    organization: 'Pipedrive にこの組織が見つかりません。',
  },
  noPerson: {
    person: 'Pipedrive にこの人物が見つかりません。',
    deal: 'この取引には担当者がいません。',
    organization: 'この組織には人物がいません。',
  },
  noEmail: {
    person: 'この人物にはメールアドレスがありません。',
    deal: 'この取引の担当者にはメールアドレスがありません。',
    organization: 'この組織の人物には誰もメールアドレスがありません。',
  },
  noProfile: (emails) => `${emails} に一致する Intilery の顧客はいません。`,
  firstPeopleOnly: (count) => `この組織の最初の ${count} 人のみを確認しました。`,
}

const WORDS: Readonly<Record<SupportedLocale, Words>> = { en, de, fr, es, nl, 'pt-BR': ptBR, ja }

export function wordsFor(locale: string): Words {
  return WORDS[resolveLocale(locale)]
}

/** Why the panel shows nobody for this record, in the viewer's words. */
export function noLookupText(
  words: Words,
  resource: Resource,
  reason: NoLookupReason,
  emails: readonly string[],
  persons: { readonly shown: number; readonly more: boolean } | undefined
): string {
  const base =
    reason === 'not_found'
      ? words.notFound[resource]
      : reason === 'no_person'
        ? words.noPerson[resource]
        : reason === 'no_email' || emails.length === 0
          ? words.noEmail[resource]
          : words.noProfile(emails.join(', '))
  return persons?.more === true ? `${base} ${words.firstPeopleOnly(persons.shown)}` : base
}
