/**
 * @module cli/unknown-command
 * What `relay` says of a command it does not know. The words given are repeated only when they
 * are a command's name or a letter from one (a typo): anything else may be a key, token or
 * passphrase pasted where a command goes, and a refusal must not put it into the terminal's
 * scrollback or a CI log.
 */
import { CliUsageError } from './cli-usage-error.ts'

const COMMAND_WORD = /^[a-z][a-z-]{0,23}$/

/**
 * `word` when it is one of `names` or a letter from one (a typo worth seeing), else a note that it
 * was not printed: a lowercase word can be a passphrase too.
 */
function shown(word: string, names: readonly string[]): string {
  return COMMAND_WORD.test(word) && names.some((name) => atMostOneLetterApart(name, word))
    ? word
    : '(not printed: it may be a secret)'
}

/** The names `word` may have meant: those it begins, those that begin it, a letter's difference. */
function near(word: string, names: readonly string[]): string[] {
  if (!COMMAND_WORD.test(word)) return []
  return names.filter(
    (name) => name.startsWith(word) || word.startsWith(name) || atMostOneLetterApart(name, word)
  )
}

/** The same, or one letter added, removed or changed (`tenats`, `keyss`, `outbux`). */
function atMostOneLetterApart(a: string, b: string): boolean {
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  return (
    a.slice(i + 1) === b.slice(i + 1) ||
    a.slice(i) === b.slice(i + 1) ||
    a.slice(i + 1) === b.slice(i)
  )
}

const didYouMean = (names: readonly string[]) =>
  names.length === 0 ? '' : `; did you mean ${names.join(' or ')}?`

/**
 * The refusal of `group command` (or of `group` alone), which is none of `known` (every
 * `group command` the CLI runs). A known group lists its commands; an unknown one lists the groups.
 */
export function unknownCommand(
  group: string,
  command: string | undefined,
  known: readonly string[]
): CliUsageError {
  const groups = [...new Set(known.map((name) => name.split(' ')[0] ?? ''))].sort()
  if (groups.includes(group)) {
    const commands = known
      .filter((name) => name.startsWith(`${group} `))
      .map((name) => name.slice(group.length + 1))
      .sort()
    const has = `(${group} has: ${commands.join(', ')})`
    if (command === undefined) return new CliUsageError(`missing command ${has}`)
    const guess = near(command, commands).map((name) => `${group} ${name}`)
    return new CliUsageError(
      `unknown command: ${group} ${shown(command, commands)}${didYouMean(guess)} ${has}`
    )
  }
  return new CliUsageError(
    `unknown command group: ${shown(group, groups)}${didYouMean(near(group, groups))} (the groups are: ${groups.join(', ')})`
  )
}
