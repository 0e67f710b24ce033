import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AGENCIES } from '../../extractors/lang/gazetteer/agencies.js';

/**
 * A reproducible synthetic archive for throughput measurements: German and English advisories of 1–8 KB built
 * from sentence templates, as text, HTML and JSONL, with 5 % near duplicates and a few bad files. The same seed
 * gives the same files on every machine.
 */

/** mulberry32: a small, fast, seedable generator; Math.random cannot be seeded. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'Anna',
  'Jonas',
  'Claudia',
  'Thomas',
  'Sarah',
  'Michael',
  'Laura',
  'Daniel',
  'Julia',
  'Peter',
  'Emily',
  'James',
  'Olivia',
  'Robert',
  'Grace',
  'David',
];
const LAST = [
  'Berger',
  'Hoffmann',
  'Krause',
  'Lindner',
  'Vogel',
  'Keller',
  'Brooks',
  'Carter',
  'Hughes',
  'Morgan',
  'Parker',
  'Reed',
  'Walsh',
  'Fischer',
  'Neumann',
  'Bennett',
];
const COMPANIES = [
  'Nordlicht Software GmbH',
  'Cobalt Systems Inc.',
  'Vierkant Netz AG',
  'Harbor Data Ltd',
  'Brightline Security LLC',
  'Kestrel Labs',
];
const MONTHS_DE = [
  'Januar',
  'Februar',
  'März',
  'April',
  'Mai',
  'Juni',
  'Juli',
  'August',
  'September',
  'Oktober',
  'November',
  'Dezember',
];
const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const TEMPLATES = {
  de: [
    'Das {agency} warnt vor Schwachstellen in Produkten von {company}.',
    'Nach Angaben der Behörde wurden die Lücken am {date} gemeldet und seither aktiv ausgenutzt.',
    '„Betreiber kritischer Infrastrukturen sollten die Updates umgehend einspielen“, sagte {person}, Sprecherin des {agency}.',
    '{person} erklärte, die Behörde arbeite eng mit internationalen Partnern zusammen.',
    'Betroffen sind nach bisherigen Erkenntnissen mehrere tausend Systeme in Deutschland und Österreich.',
    'Das Unternehmen {company} teilte mit, es habe bereits im {month} Sicherheitsupdates veröffentlicht.',
    'Die Frist für die Umsetzung endet am {date}; danach drohen Bußgelder.',
    'Laut {person} sei die Lage weiterhin angespannt, eine Entwarnung gebe es nicht.',
    'Bereits {year} hatte das {agency} vor ähnlichen Angriffen gewarnt.',
    'Die Empfehlungen richten sich an Behörden, Unternehmen und Privatanwender gleichermaßen.',
  ],
  en: [
    'The {agency} warned of vulnerabilities in products made by {company}.',
    'According to the agency, the flaws were reported on {date} and have been actively exploited since.',
    '"Operators of critical infrastructure should apply the updates immediately," said {person}, a spokesperson for the {agency}.',
    '{person} said the agency was working closely with international partners.',
    'Several thousand systems in the United States and Canada are believed to be affected.',
    '{company} said in a statement that it had released security updates in {month}.',
    'The deadline for compliance is {date}, after which penalties may apply.',
    'According to {person}, the situation remains tense and no all-clear has been given.',
    'In {year}, the {agency} had already warned of similar attacks.',
    'The recommendations apply to agencies, companies and home users alike.',
  ],
} as const;

const AGENCY_NAMES = {
  de: AGENCIES.filter((a) => a.de && ['DE', 'AT', 'CH', 'EU'].includes(a.country)).map((a) => a.de!),
  en: AGENCIES.filter((a) => ['US', 'GB', 'CA', 'AU', 'EU'].includes(a.country)).map((a) => a.name),
};

/**
 * Content words of each language (from the templates and the agency names): sentences swap some of theirs for
 * these, so that unrelated documents share few five-word runs, as real news does, and near-duplicate detection is
 * measured on realistic overlap rather than on ten repeated templates.
 */
const WORD_POOLS = {
  de: [...new Set([...TEMPLATES.de, ...AGENCY_NAMES.de].join(' ').match(/\p{L}{4,}/gu) ?? [])],
  en: [...new Set([...TEMPLATES.en, ...AGENCY_NAMES.en].join(' ').match(/\p{L}{4,}/gu) ?? [])],
};

/**
 * Where the generated documents' words come from: the sentence templates below, or the sentences and paragraphs of
 * real documents (`texts.ts`). The archive around them (formats, near duplicates, bad files) is the same for both.
 */
export interface TextSource {
  /** The language of the next document. */
  language(random: () => number): string;
  /** A document's first line. */
  title(language: string, index: number, random: () => number): string;
  /** One paragraph of body text. */
  paragraph(language: string, random: () => number): string;
  /** One sentence, for the new opening of a near duplicate. */
  sentence(language: string, random: () => number): string;
  /** How many characters a document of the language should reach. */
  length(language: string, random: () => number): number;
}

/** The sentence templates, filled with names, agencies and dates drawn from the lists above. */
export const TEMPLATE_SOURCE: TextSource = {
  language: (random) => (random() < 0.5 ? 'de' : 'en'),
  title: (language, index, random) =>
    `${pick(random, AGENCY_NAMES[templateLanguage(language)])}: ${language === 'de' ? 'Sicherheitswarnung' : 'Security advisory'} ${index}`,
  paragraph: (language, random) =>
    Array.from({ length: 3 + Math.floor(random() * 4) }, () =>
      templateSentence(templateLanguage(language), random),
    ).join(' '),
  sentence: (language, random) => templateSentence(templateLanguage(language), random),
  length: (_language, random) => 1000 + Math.floor(random() * 7000),
};

/** An element of `list`, drawn with `random`. */
export const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const templateLanguage = (language: string): 'de' | 'en' => (language === 'de' ? 'de' : 'en');

function templateSentence(language: 'de' | 'en', random: () => number): string {
  const year = 2015 + Math.floor(random() * 10);
  const month = Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  const date = language === 'de' ? `${day}. ${MONTHS_DE[month]} ${year}` : `${MONTHS_EN[month]} ${day}, ${year}`;
  const varied = pick(random, TEMPLATES[language]).replace(/(?<![{\p{L}])\p{Ll}{4,}(?![\p{L}}])/gu, (word) =>
    random() < 0.3 ? pick(random, WORD_POOLS[language]).toLowerCase() : word,
  );
  return varied
    .replace(/\{agency\}/g, () => pick(random, AGENCY_NAMES[language]))
    .replace('{company}', () => pick(random, COMPANIES))
    .replace('{person}', () => `${pick(random, FIRST)} ${pick(random, LAST)}`)
    .replace('{date}', date)
    .replace('{month}', language === 'de' ? MONTHS_DE[month]! : MONTHS_EN[month]!)
    .replace('{year}', String(year));
}

/** A generated archive: where it is and what it holds. */
export interface SyntheticCorpus {
  folder: string;
  /** Plain texts of evenly spaced generated documents (for the reference pass). */
  sample: string[];
  bytes: number;
  files: number;
  badFiles: number;
}

/** Earlier documents a near duplicate may copy: wire copies follow their story closely, and memory stays bounded. */
const NEAR_DUPLICATE_WINDOW = 1000;

/** Writes `docs` documents under `folder` and returns what was written, with `sampleSize` of the texts. */
export function generateCorpus(
  folder: string,
  docs: number,
  seed = 42,
  sampleSize = 200,
  source: TextSource = TEMPLATE_SOURCE,
): SyntheticCorpus {
  const random = seededRandom(seed);
  const recent: Array<{ language: string; text: string }> = [];
  const sample: string[] = [];
  const sampleStep = Math.max(1, Math.floor(docs / sampleSize));
  let bytes = 0;
  let files = 0;
  let jsonl: string[] = [];
  const write = (relative: string, content: string | Uint8Array) => {
    const path = join(folder, relative);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, content);
    files++;
  };
  for (let i = 0; i < docs; i++) {
    let language = source.language(random);
    let text: string;
    if (i > 20 && random() < 0.05) {
      // A near duplicate: an earlier document with a new opening paragraph, in the earlier document's language.
      const original = pick(random, recent);
      language = original.language;
      text = `${source.sentence(language, random)} ${source.sentence(language, random)}\n\n${original.text.split('\n\n').slice(1).join('\n\n')}`;
    } else {
      const target = source.length(language, random);
      const paragraphs: string[] = [source.title(language, i, random)];
      let length = paragraphs[0]!.length;
      while (length < target) {
        const paragraph = source.paragraph(language, random);
        paragraphs.push(paragraph);
        length += paragraph.length + 2;
      }
      text = paragraphs.join('\n\n');
    }
    recent.push({ language, text });
    if (recent.length > NEAR_DUPLICATE_WINDOW) recent.shift();
    if (i % sampleStep === 0 && sample.length < sampleSize) sample.push(text);
    bytes += Buffer.byteLength(text);
    const shard = `part-${String(Math.floor(i / 500)).padStart(4, '0')}`;
    const kind = i % 10;
    if (kind < 6) write(`${shard}/doc-${i}.txt`, text);
    else if (kind < 8)
      write(
        `${shard}/doc-${i}.html`,
        `<!doctype html><html lang="${language}"><head><title>Advisory ${i}</title></head><body><nav>Home | News</nav><article>${text
          .split('\n\n')
          .map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`)
          .join('')}</article><footer>Contact</footer></body></html>`,
      );
    else {
      jsonl.push(JSON.stringify({ title: `Advisory ${i}`, language, text }));
      if (jsonl.length === 50) {
        write(`${shard}/feed-${i}.jsonl`, jsonl.join('\n') + '\n');
        jsonl = [];
      }
    }
  }
  if (jsonl.length > 0) write('feed-last.jsonl', jsonl.join('\n') + '\n');
  // A few bad files per thousand documents, as real archives have them.
  let badFiles = 0;
  for (let k = 0; k < Math.max(1, Math.floor(docs / 1000)); k++) {
    write(`bad/empty-${k}.txt`, '');
    write(
      `bad/binary-${k}.txt`,
      Uint8Array.from({ length: 512 }, (_, j) => (j * 7) % 256),
    );
    write(
      `bad/broken-${k}.jsonl`,
      `{"text": "Ein guter Datensatz mit genug Text für ein Dokument."}\n{"text": broken\n`,
    );
    write(`bad/scan-${k}.pdf`, '%PDF-1.7');
    badFiles += 4;
  }
  return { folder, sample, bytes, files, badFiles };
}
