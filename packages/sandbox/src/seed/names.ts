/**
 * @module seed/names
 * Where customers come from: names (in their own scripts, with a romanisation for email addresses),
 * cities, phone formats and the currency they shop in. Weighted towards the UK because the spec's
 * brand is British, with enough elsewhere to exercise unicode, RTL text and CJK.
 */
import type { Currency } from './catalog.ts'

/** A name as written, and how its owner spells it in an email address when the script isn't Latin. */
export type Name = string | readonly [native: string, ascii: string]

export interface Locale {
  readonly country: string
  readonly countryCode: string
  readonly language: string
  readonly currency: Currency
  readonly weight: number
  readonly cities: readonly string[]
  readonly firstNames: readonly Name[]
  readonly lastNames: readonly Name[]
  /** Builds a phone number from random digits; formats differ on purpose. */
  readonly phone: (digits: string) => string
}

export const LOCALES: readonly Locale[] = [
  {
    country: 'United Kingdom',
    countryCode: 'GB',
    language: 'en-GB',
    currency: 'GBP',
    weight: 34,
    cities: [
      'London',
      'Manchester',
      'Bristol',
      'Leeds',
      'Edinburgh',
      'Glasgow',
      'Cardiff',
      'Belfast',
      'Birmingham',
      'Brighton',
    ],
    firstNames: [
      'Oliver',
      'Amelia',
      'George',
      'Isla',
      'Harry',
      'Ava',
      'Jack',
      'Mia',
      'Charlie',
      'Grace',
      'Thomas',
      'Emily',
      'James',
      'Sophie',
      'William',
      'Chloe',
      'Aisha',
      'Mohammed',
      'Priya',
      'Arjun',
    ],
    lastNames: [
      'Smith',
      'Jones',
      'Williams',
      'Brown',
      'Davies',
      'Evans',
      'Wilson',
      'Thomas',
      'Johnson',
      'Roberts',
      'Walker',
      'Wright',
      'Robinson',
      'Thompson',
      'Patel',
      'Khan',
      'Hughes',
      "O'Brien",
      'Clarke',
      'Lewis',
    ],
    phone: (d) =>
      d.charCodeAt(0) % 2 === 0 ? `+44 7700 ${d.slice(0, 6)}` : `07700${d.slice(0, 6)}`,
  },
  {
    country: 'United States',
    countryCode: 'US',
    language: 'en-US',
    currency: 'USD',
    weight: 18,
    cities: [
      'New York',
      'Austin',
      'Chicago',
      'Seattle',
      'Denver',
      'Boston',
      'San Francisco',
      'Atlanta',
    ],
    firstNames: [
      'Michael',
      'Jessica',
      'Daniel',
      'Madison',
      'Tyler',
      'Ashley',
      'José',
      'Mei',
      'DeShawn',
      'Brittany',
    ],
    lastNames: [
      'Johnson',
      'Garcia',
      'Miller',
      'Davis',
      'Rodriguez',
      'Martinez',
      'Nguyen',
      'Kim',
      'Anderson',
      'Washington',
    ],
    phone: (d) => `+1 (555) 01${d.slice(0, 2)}-${d.slice(2, 6)}`,
  },
  {
    country: 'Ireland',
    countryCode: 'IE',
    language: 'en-IE',
    currency: 'EUR',
    weight: 4,
    cities: ['Dublin', 'Cork', 'Galway', 'Limerick'],
    firstNames: ['Seán', 'Aoife', 'Niamh', 'Ciarán', 'Siobhán', 'Pádraig'],
    lastNames: ['Murphy', 'Kelly', "O'Sullivan", 'Ní Bhriain', 'Walsh', 'Mac Giolla Phádraig'],
    phone: (d) => `+353 85 ${d.slice(0, 3)} ${d.slice(3, 7)}`,
  },
  {
    country: 'Germany',
    countryCode: 'DE',
    language: 'de-DE',
    currency: 'EUR',
    weight: 8,
    cities: ['Berlin', 'München', 'Köln', 'Düsseldorf', 'Hamburg', 'Nürnberg'],
    firstNames: ['Jürgen', 'Lukas', 'Lena', 'Sören', 'Jörg', 'Anna', 'Maximilian', 'Käthe'],
    lastNames: ['Müller', 'Schröder', 'Weiß', 'Groß', 'Köhler', 'Becker', 'Schmidt'],
    phone: (d) => `+49 151 ${d.slice(0, 8)}`,
  },
  {
    country: 'France',
    countryCode: 'FR',
    language: 'fr-FR',
    currency: 'EUR',
    weight: 7,
    cities: ['Paris', 'Lyon', 'Nantes', 'Bordeaux', 'Marseille'],
    firstNames: ['Élodie', 'François', 'Hélène', 'Jérôme', 'Chloé', 'Léa', 'Théo', 'Anaïs'],
    lastNames: ['Lefèvre', 'Dubois', 'Girard', 'Bénard', 'Moreau', "d'Artagnan"],
    phone: (d) => `+33 6 ${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4, 6)} ${d.slice(6, 8)}`,
  },
  {
    country: 'Spain',
    countryCode: 'ES',
    language: 'es-ES',
    currency: 'EUR',
    weight: 6,
    cities: ['Madrid', 'Barcelona', 'Sevilla', 'Valencia', 'A Coruña', 'Málaga'],
    firstNames: ['Ana María', 'José Luis', 'Lucía', 'Álvaro', 'Íñigo', 'Begoña'],
    lastNames: ['Muñoz', 'García', 'Pérez', 'Fernández', 'Núñez', 'Ibáñez'],
    phone: (d) => `+34 6${d.slice(0, 8)}`,
  },
  {
    country: 'Norway',
    countryCode: 'NO',
    language: 'nb-NO',
    currency: 'EUR',
    weight: 4,
    cities: ['Oslo', 'Bergen', 'Tromsø', 'Stavanger'],
    firstNames: ['Søren', 'Ingrid', 'Bjørn', 'Åse', 'Mette', 'Lars'],
    lastNames: ['Ødegård', 'Sørensen', 'Håland', 'Kjær', 'Løvås'],
    phone: (d) => `+47 ${d.slice(0, 3)} ${d.slice(3, 5)} ${d.slice(5, 8)}`,
  },
  {
    country: 'Iceland',
    countryCode: 'IS',
    language: 'is-IS',
    currency: 'EUR',
    weight: 2,
    cities: ['Reykjavík', 'Akureyri'],
    firstNames: ['Ólafur', 'Guðrún', 'Sigríður', 'Þórunn', 'Jón'],
    lastNames: ['Þór', 'Jónsson', 'Sigurðardóttir', 'Þórsson', 'Guðmundsdóttir'],
    phone: (d) => `+354 ${d.slice(0, 3)} ${d.slice(3, 7)}`,
  },
  {
    country: 'Türkiye',
    countryCode: 'TR',
    language: 'tr-TR',
    currency: 'EUR',
    weight: 4,
    cities: ['İstanbul', 'Ankara', 'İzmir', 'Bursa'],
    firstNames: ['Zoë', 'Zeynep', 'Emre', 'Çağla', 'Şule', 'Ömer', 'İbrahim'],
    lastNames: ['Çelik', 'Yılmaz', 'Şahin', 'Öztürk', 'Doğan'],
    phone: (d) => `+90 5${d.slice(0, 2)} ${d.slice(2, 5)} ${d.slice(5, 9)}`,
  },
  {
    country: 'Japan',
    countryCode: 'JP',
    language: 'ja-JP',
    currency: 'JPY',
    weight: 5,
    cities: ['東京', '大阪', '京都', '横浜', '札幌'],
    firstNames: [
      ['裕子', 'yuko'],
      ['翔太', 'shota'],
      ['美咲', 'misaki'],
      ['健一', 'kenichi'],
      ['さくら', 'sakura'],
    ],
    lastNames: [
      ['渡辺', 'watanabe'],
      ['佐藤', 'sato'],
      ['鈴木', 'suzuki'],
      ['高橋', 'takahashi'],
      ['田中', 'tanaka'],
    ],
    phone: (d) => `+81 90-${d.slice(0, 4)}-${d.slice(4, 8)}`,
  },
  {
    country: 'Russia',
    countryCode: 'RU',
    language: 'ru-RU',
    currency: 'USD',
    weight: 3,
    cities: ['Москва', 'Санкт-Петербург', 'Казань'],
    firstNames: [
      ['Дмитрий', 'dmitry'],
      ['Анна', 'anna'],
      ['Сергей', 'sergey'],
      ['Ольга', 'olga'],
      ['Алексей', 'alexey'],
    ],
    lastNames: [
      ['Иванов', 'ivanov'],
      ['Смирнова', 'smirnova'],
      ['Кузнецов', 'kuznetsov'],
      ['Попова', 'popova'],
    ],
    phone: (d) => `+7 916 ${d.slice(0, 3)}-${d.slice(3, 5)}-${d.slice(5, 7)}`,
  },
  {
    country: 'United Arab Emirates',
    countryCode: 'AE',
    language: 'ar-AE',
    currency: 'USD',
    weight: 4,
    cities: ['دبي', 'أبو ظبي', 'الشارقة'],
    firstNames: [
      ['محمد', 'mohammed'],
      ['فاطمة', 'fatima'],
      ['أحمد', 'ahmed'],
      ['ليلى', 'layla'],
      ['علي', 'ali'],
    ],
    lastNames: [
      ['علي', 'ali'],
      ['حسن', 'hassan'],
      ['الخطيب', 'alkhatib'],
      ['منصور', 'mansour'],
    ],
    phone: (d) => `+971 50 ${d.slice(0, 3)} ${d.slice(3, 7)}`,
  },
]

export function nativeName(name: Name): string {
  return typeof name === 'string' ? name : name[0]
}

const FOLDS: Record<string, string> = {
  ø: 'o',
  æ: 'ae',
  å: 'a',
  þ: 'th',
  ð: 'd',
  ß: 'ss',
  ı: 'i',
  ł: 'l',
  œ: 'oe',
}

/** The name as an email local part: lower-case ASCII letters only. */
export function asciiName(name: Name): string {
  const text = typeof name === 'string' ? name : name[1]
  return text
    .toLowerCase()
    .replace(/[øæåþðßıłœ]/g, (c) => FOLDS[c] ?? c)
    .normalize('NFD')
    .replace(/[^a-z]/g, '')
}
