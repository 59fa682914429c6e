/**
 * @module seed/seeded
 * Identities of the special customers, fixed whatever the seed, so tests, contract suites and the
 * demo can name them.
 */

export const SEEDED = {
  /** The spec's example profile. */
  joeBloggs: {
    id: '4c90b9cf-5e4d-4689-ba57-b0f3e7c813fe',
    userId: '4c90b9cf-5e4d-4689-ba57-b0f3e7c813fe',
    email: 'joe.bloggs@intilery.com',
    anonymousId: '5b5b9a8e-a4b9-4096-818b-6f47d146d5e1',
  },
  /** Two different customers share this email (written in different case), so an email lookup finds both. */
  sharedEmail: 'sam.taylor@example.com',
  sharedEmailProfiles: [
    {
      id: '5ca4eaf1-fc1f-4a11-93e8-3e930cf86c39',
      userId: 'CRM-0100231',
      email: 'Sam.Taylor@example.com',
      firstName: 'Sam',
      lastName: 'Taylor',
    },
    {
      id: '940c51b4-16cd-4238-90cf-f9bffd862596',
      userId: 'usr_5a7d0c4e91b2',
      email: 'sam.taylor@example.com',
      firstName: 'Samantha',
      lastName: 'Taylor-Reid',
    },
  ],
  /** XSS and injection payloads in ids, traits, computed traits, audiences, event names and properties. */
  hostile: {
    id: '089cb6ad-3ceb-4e3f-929c-60a22303e9e6',
    userId: 'xss/<img src=x onerror=alert(1)>:1',
    email: 'bobby.tables+<svg/onload=alert(1)>@example.com',
  },
  /** A 5,000-character trait, a 2,000-character page title, deep nesting and a 300-item array. */
  longValues: {
    id: '4e5a6317-bde8-4f3b-a25e-dc62cbbdda29',
    userId: 'long-values-0001',
    email: 'long.values@example.com',
  },
  /**
   * A VIP shopper: ten orders over the window (two in euros), active hours ago, reads her order
   * emails; in the high-value and recent-openers audiences. Ticket 106 and Pipedrive person 8.
   */
  highValue: {
    id: '7ef77f88-1128-49ce-a70f-9a9db1b36d87',
    userId: 'CRM-0042017',
    email: 'eleanor.whitfield@example.com',
    firstName: 'Eleanor',
    lastName: 'Whitfield',
  },
  /** Thousands of events: paging and scrolling have something to chew on. */
  powerUser: {
    id: 'be86ff15-29b0-453b-8756-0362ff80d4da',
    userId: 'power-user-0001',
    email: 'priya.patel@example.com',
  },
  /** Unicode in names, userId and email. */
  unicode: {
    id: 'f976867a-90ea-4788-9c38-9354e0d92f8c',
    userId: 'kunde-zoë-çelik',
    email: 'zoë.çelik@example.com',
    firstName: 'Zoë',
    lastName: 'Çelik',
  },
  unicodeCast: [
    {
      id: '638d443e-b4b2-4b90-9323-10861cf6ec09',
      userId: 'ユーザー-渡辺裕子',
      email: 'yuko.watanabe@example.com',
      firstName: '裕子',
      lastName: '渡辺',
      countryCode: 'JP',
    },
    {
      id: 'c30ab4d2-a2b4-4b84-8522-e3b9733da068',
      userId: 'ólafur.þór',
      email: 'olafur.thor@example.com',
      firstName: 'Ólafur',
      lastName: 'Þór',
      countryCode: 'IS',
    },
    {
      id: '6963b4e1-c2fd-4ab6-9b1c-0f59d9461a76',
      userId: 'usr_anamaria_munoz',
      email: 'anamaria.munoz@example.com',
      firstName: 'Ana María',
      lastName: 'Muñoz',
      countryCode: 'ES',
    },
    {
      id: '693d9424-b87f-4c34-bf32-4e31eeccd107',
      userId: 'usr_soren_odegard',
      email: 'soren.odegard@example.com',
      firstName: 'Søren',
      lastName: 'Ødegård',
      countryCode: 'NO',
    },
    {
      id: '30b9604a-a28a-42a7-a3e5-240043803034',
      userId: 'usr_dmitry_ivanov',
      email: 'dmitry.ivanov@example.com',
      firstName: 'Дмитрий',
      lastName: 'Иванов',
      countryCode: 'RU',
    },
    {
      id: '943b7171-0d5e-4e47-9fcd-b6245f3fea44',
      userId: 'usr_mohammed_ali',
      email: 'mohammed.ali@example.com',
      firstName: 'محمد',
      lastName: 'علي',
      countryCode: 'AE',
    },
  ],
  /** Only anonymous page views: no userId, no email, no traits. */
  anonymousOnly: {
    id: 'b2f63750-2e37-46c4-8488-71c3e68ea4e0',
    anonymousId: 'anon-7c1e0b52-only-pages',
  },
  /** Imported from a CSV and never seen since: a profile with no events at all. */
  noEvents: [
    {
      id: 'e7d41d9a-47cb-46d6-aae0-3df1efa6bd35',
      userId: 'CRM-0000017',
      email: 'harriet.vane@example.org',
    },
    {
      id: '617f4511-be86-4be9-b9a7-8be8c1e4d526',
      userId: 'CRM-0000018',
      email: 'peter.wimsey@example.org',
    },
    {
      id: '1f0e8a52-6c1d-4b7e-9a43-2d5c8e7f9b10',
      userId: 'CRM-0000019',
      email: 'miles.bredon@example.org',
    },
  ],
  /** One identify call and nothing else. */
  identifyOnly: [
    {
      id: '7a3b9c2d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      userId: 'usr_identify_only_1',
      email: 'ida.only@example.com',
    },
    {
      id: '2d4f6a8c-0e1b-4c3d-9f5a-7b9c1d3e5f70',
      userId: 'usr_identify_only_2',
      email: 'ivo.once@example.net',
    },
  ],
} as const

/** Every email a special customer owns, so generated customers never take one. */
export function seededEmails(): string[] {
  return [
    SEEDED.joeBloggs.email,
    SEEDED.sharedEmail,
    SEEDED.hostile.email,
    SEEDED.longValues.email,
    SEEDED.powerUser.email,
    SEEDED.highValue.email,
    SEEDED.unicode.email,
    ...SEEDED.unicodeCast.map((c) => c.email),
    ...SEEDED.noEvents.map((c) => c.email),
    ...SEEDED.identifyOnly.map((c) => c.email),
  ]
}
