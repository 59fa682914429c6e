/**
 * @module words
 * The panel's own words, for what only this page says (connecting Pipedrive, notes on the record,
 * starting outside Pipedrive). Everything else comes from core's catalogues, including why a record
 * has nobody to show, which the relay's JSON panel says too. In the locales core ships, chosen the
 * way core chooses its catalogue.
 */
import { resolveLocale, type SupportedLocale } from '@intilery-connect/core'

export interface Words {
  readonly noteAdd: string
  readonly noteAdded: string
  /** Pipedrive's snackbar after the note was saved. */
  readonly noteSnackbar: string
  readonly connect: string
  readonly outsidePipedrive: string
  readonly couldNotStart: (reason: string) => string
}

const en: Words = {
  noteAdd: 'Add summary as a note',
  noteAdded: 'Summary added as a note.',
  noteSnackbar: 'Summary added as a note',
  connect: 'Connect Pipedrive',
  outsidePipedrive: 'This page runs inside Pipedrive.',
  couldNotStart: (reason) => `The Intilery panel could not start: ${reason}`,
}

const de: Words = {
  noteAdd: 'Zusammenfassung als Notiz hinzufügen',
  noteAdded: 'Zusammenfassung als Notiz hinzugefügt.',
  noteSnackbar: 'Zusammenfassung als Notiz hinzugefügt',
  connect: 'Pipedrive verbinden',
  outsidePipedrive: 'Diese Seite läuft in Pipedrive.',
  couldNotStart: (reason) => `Das Intilery-Panel konnte nicht starten: ${reason}`,
}

const fr: Words = {
  noteAdd: 'Ajouter le résumé en note',
  noteAdded: 'Résumé ajouté en note.',
  noteSnackbar: 'Résumé ajouté en note',
  connect: 'Connecter Pipedrive',
  outsidePipedrive: 'Cette page s’affiche dans Pipedrive.',
  couldNotStart: (reason) => `Le panneau Intilery n’a pas pu démarrer : ${reason}`,
}

const es: Words = {
  noteAdd: 'Añadir resumen como nota',
  noteAdded: 'Resumen añadido como nota.',
  noteSnackbar: 'Resumen añadido como nota',
  connect: 'Conectar Pipedrive',
  outsidePipedrive: 'Esta página funciona dentro de Pipedrive.',
  couldNotStart: (reason) => `El panel de Intilery no pudo iniciarse: ${reason}`,
}

const nl: Words = {
  noteAdd: 'Samenvatting als notitie toevoegen',
  noteAdded: 'Samenvatting als notitie toegevoegd.',
  noteSnackbar: 'Samenvatting als notitie toegevoegd',
  connect: 'Pipedrive koppelen',
  outsidePipedrive: 'Deze pagina werkt binnen Pipedrive.',
  couldNotStart: (reason) => `Het Intilery-paneel kon niet starten: ${reason}`,
}

const ptBR: Words = {
  noteAdd: 'Adicionar resumo como nota',
  noteAdded: 'Resumo adicionado como nota.',
  noteSnackbar: 'Resumo adicionado como nota',
  connect: 'Conectar o Pipedrive',
  outsidePipedrive: 'Esta página funciona dentro do Pipedrive.',
  couldNotStart: (reason) => `O painel da Intilery não pôde iniciar: ${reason}`,
}

const ja: Words = {
  noteAdd: '概要をメモとして追加',
  noteAdded: '概要をメモとして追加しました。',
  noteSnackbar: '概要をメモとして追加しました',
  connect: 'Pipedrive を接続',
  outsidePipedrive: 'このページは Pipedrive の中で動作します。',
  couldNotStart: (reason) => `Intilery パネルを開始できませんでした: ${reason}`,
}

const WORDS: Readonly<Record<SupportedLocale, Words>> = { en, de, fr, es, nl, 'pt-BR': ptBR, ja }

export function wordsFor(locale: string): Words {
  return WORDS[resolveLocale(locale)]
}
