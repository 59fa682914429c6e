/**
 * @module seed/email-registry
 * Keeps generated emails unique (case-insensitively, as lookups are), so the only customers sharing
 * an email are the pair that does so on purpose.
 */
export class EmailRegistry {
  private readonly taken = new Set<string>()

  reserve(email: string): void {
    this.taken.add(email.toLowerCase())
  }

  /** The candidate, or it with a number before the `@` when someone already has it. */
  claim(candidate: string): string {
    const at = candidate.lastIndexOf('@')
    let email = candidate
    for (let n = 2; this.taken.has(email.toLowerCase()); n += 1) {
      email = `${candidate.slice(0, at)}${n}${candidate.slice(at)}`
    }
    this.taken.add(email.toLowerCase())
    return email
  }
}
