import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { ingestFile } from '../../corpus/ingest.js';
import { sha256Hex } from '../../corpus/ids.js';
import { detectLanguage, paragraphSpans } from '../../extractors/language.js';
import { segmentSentences } from '../../extractors/sentences.js';
import { CommandError } from '../command-error.js';
import { walkInputs } from '../walk.js';
import { pick, type TextSource } from './synthetic.js';

/**
 * The realistic source of the throughput benchmark: documents built from the paragraphs and sentences of real
 * documents in a folder (read, never copied into the project). Real sentences carry more names, quotes and dates
 * per kilobyte than the templates, so this is what an archive of real advisories costs.
 */

/** What one language of the folder offers. */
interface LanguagePool {
  documents: number;
  /** First lines (headlines, or a lead where the document has none). */
  titles: string[];
  paragraphs: string[];
  sentences: string[];
  /** Each document's length in characters, so generated documents are as long as the real ones. */
  lengths: number[];
}

/** Paragraphs shorter than this are headings, bylines and datelines: they open documents, they do not fill them. */
const MIN_PARAGRAPH_CHARS = 80;

/**
 * Reads every document under `folder` (any format the import reads; files that are not documents are passed over)
 * and pools its paragraphs and sentences by language. Half the paragraphs of a generated document are real ones,
 * half are real sentences of several documents mixed, so entities, quotes and dates keep their real density while
 * no two generated documents are the same.
 */
export async function textSourceFrom(folder: string): Promise<TextSource & { documents: number }> {
  if (!existsSync(folder)) throw new CommandError(`--texts: ${folder} does not exist`);
  const pools = new Map<string, LanguagePool>();
  const { files } = await walkInputs([folder]);
  for (const file of files) {
    const bytes = await readFile(file.absolute);
    const { documents } = ingestFile({ path: file.path, bytes, sha256: sha256Hex(bytes), kind: file.kind });
    for (const { text } of documents) {
      const language = detectLanguage(text).code;
      if (language === 'und') continue;
      const pool = pools.get(language) ?? { documents: 0, titles: [], paragraphs: [], sentences: [], lengths: [] };
      pools.set(language, pool);
      pool.documents++;
      pool.lengths.push(text.length);
      const paragraphs = paragraphSpans(text).map((s) => text.slice(s.start, s.end).trim());
      pool.titles.push(paragraphs[0]!);
      for (const paragraph of paragraphs.slice(1)) {
        if (paragraph.length < MIN_PARAGRAPH_CHARS) continue;
        pool.paragraphs.push(paragraph);
        for (const s of segmentSentences(paragraph)) pool.sentences.push(paragraph.slice(s.start, s.end).trim());
      }
    }
  }
  const usable = [...pools].filter(([, pool]) => pool.paragraphs.length > 0).sort(([a], [b]) => (a < b ? -1 : 1));
  if (usable.length === 0)
    throw new CommandError(`--texts: ${folder} holds no German or English document with paragraphs to reuse`);
  const languages = usable.flatMap(([code, pool]) => Array<string>(pool.documents).fill(code));
  const pool = (language: string) => pools.get(language)!;
  const sentence = (language: string, random: () => number) => pick(random, pool(language).sentences);
  return {
    documents: languages.length,
    language: (random) => pick(random, languages),
    title: (language, _index, random) => pick(random, pool(language).titles),
    paragraph: (language, random) =>
      random() < 0.5
        ? pick(random, pool(language).paragraphs)
        : Array.from({ length: 2 + Math.floor(random() * 4) }, () => sentence(language, random)).join(' '),
    sentence,
    length: (language, random) => pick(random, pool(language).lengths),
  };
}
