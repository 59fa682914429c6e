/**
 * @module seed/companies
 * Organisations B2B customers work for (and some consumers list), with the industry and website a
 * CRM import would carry. Domains use reserved `.example` names so nothing points at a real site.
 */

export interface Company {
  readonly organisation: string
  readonly industry: string
  readonly domain: string
}

export const COMPANIES: readonly Company[] = [
  { organisation: 'Northwind Traders', industry: 'Retail', domain: 'northwind.example' },
  { organisation: 'Contoso Bank', industry: 'Financial Services', domain: 'contoso-bank.example' },
  { organisation: 'Fabrikam Travel', industry: 'Travel', domain: 'fabrikam-travel.example' },
  { organisation: 'Tailspin Media', industry: 'Media', domain: 'tailspin.example' },
  { organisation: 'Wingtip Toys', industry: 'Retail', domain: 'wingtiptoys.example' },
  {
    organisation: 'Adventure Works Cycles',
    industry: 'Manufacturing',
    domain: 'adventure-works.example',
  },
  { organisation: 'Litware University', industry: 'Education', domain: 'litware.example' },
  { organisation: 'Proseware Health', industry: 'Healthcare', domain: 'proseware-health.example' },
  { organisation: 'Lamna Hotels', industry: 'Hospitality', domain: 'lamna-hotels.example' },
  { organisation: 'Blue Yonder Airlines', industry: 'Travel', domain: 'blueyonder.example' },
  { organisation: 'Coho Winery', industry: 'Food & Drink', domain: 'coho-winery.example' },
  { organisation: 'Trey Research', industry: 'Technology', domain: 'treyresearch.example' },
  { organisation: 'Margie’s Travel', industry: 'Travel', domain: 'margies-travel.example' },
  { organisation: 'Alpine Ski House', industry: 'Leisure', domain: 'alpineskihouse.example' },
  { organisation: 'Woodgrove Bank', industry: 'Financial Services', domain: 'woodgrove.example' },
  { organisation: 'The Phone Company', industry: 'Telecoms', domain: 'thephone-company.example' },
  {
    organisation: 'Humongous Insurance',
    industry: 'Insurance',
    domain: 'humongous-insurance.example',
  },
  { organisation: 'Southridge Video', industry: 'Media', domain: 'southridge.example' },
  { organisation: 'Graphic Design Institute', industry: 'Education', domain: 'gdi.example' },
  { organisation: 'Relecloud', industry: 'Technology', domain: 'relecloud.example' },
  { organisation: 'Bellows College', industry: 'Education', domain: 'bellows.example' },
  { organisation: 'Fourth Coffee', industry: 'Food & Drink', domain: 'fourthcoffee.example' },
  { organisation: 'Münchner Möbelhaus GmbH', industry: 'Retail', domain: 'moebelhaus.example' },
  { organisation: 'Société Générale de Café', industry: 'Food & Drink', domain: 'sgcafe.example' },
  {
    organisation: '株式会社さくらデジタル',
    industry: 'Technology',
    domain: 'sakura-digital.example',
  },
  {
    organisation: 'Smith & Sons (Holdings) Ltd.',
    industry: 'Other',
    domain: 'smithandsons.example',
  },
]

export const JOB_TITLES: readonly string[] = [
  'Head of CRM',
  'Marketing Manager',
  'Digital Marketing Executive',
  'Chief Marketing Officer',
  'Customer Insight Analyst',
  'E-commerce Director',
  'Growth Lead',
  'Data Engineer',
  'Head of Customer Experience',
]
