import { z } from 'zod'
import { describe, expect, it } from 'vitest'

import { InvalidInputError } from './errors.ts'
import { checkLinks } from './tenant-links.ts'
import type { LinkRulebook } from './tenant-schema.ts'

const rulebook: LinkRulebook = new Map([
  [
    'desk',
    {
      label: 'desk site',
      accountId: z
        .string()
        .regex(/^[a-z]+$/i)
        .toLowerCase(),
      secret: true,
    },
  ],
  ['crm', { label: 'crm company', accountId: z.string().regex(/^\d+$/), secret: false }],
])

const issuesOf = (links: Parameters<typeof checkLinks>[1]) => {
  try {
    checkLinks(rulebook, links)
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError)
    return (error as InvalidInputError).issues
  }
  throw new Error('accepted')
}

describe('checkLinks', () => {
  it('normalises account ids by their host’s rules and keeps secrets where the host has them', () => {
    expect(
      checkLinks(rulebook, [
        { host: 'desk', accountId: 'Acme', secret: 's' },
        { host: 'crm', accountId: '42' },
      ])
    ).toEqual([
      { host: 'desk', accountId: 'acme', secret: 's' },
      { host: 'crm', accountId: '42', secret: undefined },
    ])
  })

  it.each([
    ['an unknown host', [{ host: 'fax', accountId: '1' }], 'links.0.host'],
    ['an account id its host refuses', [{ host: 'crm', accountId: 'x1' }], 'links.0.accountId'],
    ['a missing secret', [{ host: 'desk', accountId: 'acme' }], 'links.0.secret'],
    [
      'a secret its host keeps none of',
      [{ host: 'crm', accountId: '1', secret: 's' }],
      'links.0.secret',
    ],
    [
      'one account twice, in another case',
      [
        { host: 'desk', accountId: 'acme', secret: 's' },
        { host: 'desk', accountId: 'ACME', secret: 't' },
      ],
      'links.1',
    ],
  ])('refuses %s', (_label, links, path) => {
    expect(issuesOf(links).map((issue) => issue.path)).toEqual([path])
  })
})
