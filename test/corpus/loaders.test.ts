import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  extractHtml,
  MAX_HTML_DEPTH_SUM,
  MAX_HTML_ELEMENTS,
  MAX_HTML_NESTING,
  scanHtml,
} from '../../corpus/loaders/html.js';
import { loadJson, loadJsonLine } from '../../corpus/loaders/json.js';
import { loadMarkdown } from '../../corpus/loaders/markdown.js';

const PAGE = `<!doctype html><html lang="de"><head>
<title>Fallback-Titel</title>
<meta property="og:title" content="BSI warnt vor Kaspersky">
<meta property="article:published_time" content="2022-03-15T11:00:00+01:00">
<script>var tracking = "Bundesamt im Skript";</script><style>.x { color: red }</style>
</head><body>
<header><nav><a href="/">Startseite</a> | <a href="/themen">Themen</a></nav></header>
<article><h1>BSI warnt vor Kaspersky</h1>
<p>Das <b>Bundesamt</b> für Sicherheit in der Informationstechnik warnt.<br>Zweite Zeile.</p>
<ul><li>Erster Punkt</li><li>Zweiter Punkt</li></ul></article>
<footer>Impressum · Datenschutz</footer></body></html>`;

describe('extractHtml', () => {
  it('keeps the article text and drops navigation, scripts, styles, headers and footers', () => {
    const page = extractHtml(PAGE);
    expect(page.body).toContain('Das Bundesamt für Sicherheit in der Informationstechnik warnt.');
    expect(page.body).toContain('Erster Punkt');
    for (const furniture of ['Startseite', 'tracking', 'color: red', 'Impressum'])
      expect(page.body).not.toContain(furniture);
  });

  it('separates blocks and line breaks instead of running them together; the headline is the title, not the text', () => {
    const lines = extractHtml(PAGE)
      .body.split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    expect(lines).toEqual([
      'Das Bundesamt für Sicherheit in der Informationstechnik warnt.',
      'Zweite Zeile.',
      'Erster Punkt',
      'Zweiter Punkt',
    ]);
  });

  it('reads title, published date and language from metadata', () => {
    expect(extractHtml(PAGE)).toMatchObject({
      title: 'BSI warnt vor Kaspersky',
      published: '2022-03-15',
      language: 'de',
    });
  });

  it.each([
    [
      '<time datetime>',
      '<html><body><article><time datetime="2024-06-20">June 20</time><p>The agency said.</p></article></body></html>',
      '2024-06-20',
    ],
    [
      'JSON-LD',
      '<html><head><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2017-09-13T09:00:00Z"}</script></head><body><p>Text</p></body></html>',
      '2017-09-13',
    ],
    [
      'broken JSON-LD and no other metadata',
      '<html><head><script type="application/ld+json">{broken</script></head><body><p>Text</p></body></html>',
      null,
    ],
  ])('finds the published date in %s', (_name, html, expected) => {
    expect(extractHtml(html).published).toBe(expected);
  });

  it('reads an ordinary page with its structure and without messages', () => {
    expect(extractHtml(PAGE).messages).toEqual([]);
  });

  it.each([
    [
      'nested divs',
      (n: number) => `<html><body>${'<div>'.repeat(n)}Das BSI warnt vor Kaspersky.${'</div>'.repeat(n)}</body></html>`,
    ],
    [
      'never-closed spans',
      (n: number) => `<html><body><p>Das BSI warnt vor Kaspersky.</p>${'<span>x '.repeat(n)}</body></html>`,
    ],
  ])('reads a page of %s 100 000 levels deep as plain text and says so', (_name, build) => {
    const page = extractHtml(build(100_000));
    expect(page.body).toContain('Das BSI warnt vor Kaspersky.');
    expect(page.messages).toEqual([expect.objectContaining({ ruleId: 'html-too-deep', severity: 'warning' })]);
    expect(page.messages[0]!.detail).toContain(`limit ${MAX_HTML_NESTING}`);
  });

  it.each([
    [
      'blocks each nested 350 deep',
      (i: number) => `${'<div>'.repeat(350)}<p>Absatz ${i}: Das BSI warnt.</p>${'</div>'.repeat(350)}`,
      60,
      /^elements whose depths sum to \d+ \(limit 3000000\)/,
    ],
    [
      'paragraphs, a whole site on one page',
      (i: number) => `<p>Absatz ${i}: Das BSI warnt vor <a href="/">Lücken</a>.</p>`,
      15_000,
      /^30\d\d\d elements \(limit 25000\)/,
    ],
  ])('reads a page of too many %s as plain text and says so', (_name, block, count, detail) => {
    const html = `<html><body><article>${Array.from({ length: count }, (_, i) => block(i)).join('')}</article></body></html>`;
    const scan = scanHtml(html);
    expect(scan.elements > MAX_HTML_ELEMENTS || scan.depthSum > MAX_HTML_DEPTH_SUM).toBe(true);
    const page = extractHtml(html);
    expect(page.body).toContain('Absatz 0: Das BSI warnt');
    expect(page.body).toContain(`Absatz ${count - 1}: Das BSI warnt`);
    expect(page.messages).toEqual([
      expect.objectContaining({
        ruleId: 'html-too-complex',
        severity: 'warning',
        detail: expect.stringMatching(detail),
      }),
    ]);
  });
});

describe('scanHtml', () => {
  it.each([
    ['<p>one<p>two<li>three<br><img src=x>', 0],
    ['<div><section><div>text</div></section></div>', 3],
    ['<div><div/><div></div></div>', 2],
    ['</div></div><div>x</div>', 1],
  ])('counts the nesting of %s as %i (optional end tags and void elements do not deepen it)', (html, depth) => {
    expect(scanHtml(html).depth).toBe(depth);
  });

  it('keeps text and entities, drops scripts, styles, comments and the head, and breaks blocks', () => {
    const scan = scanHtml(
      '<head><title>T</title><style>p{}</style></head><body><!-- note --><p>Ein &bdquo;Test&ldquo;<script>x<y</script></p><p>Zwei &amp; drei</p></body>',
    );
    expect(scan.text.trim().split('\n').filter(Boolean)).toEqual(['Ein „Test“', 'Zwei & drei']);
  });

  it('never throws and never reports negative depth, whatever the markup', () => {
    fc.assert(
      fc.property(
        fc
          .array(
            fc.constantFrom(
              '<div>',
              '</div>',
              '<p>',
              '<!--',
              '-->',
              '<script>',
              '</script>',
              '<',
              '>',
              'a',
              '&amp;',
              '<br/>',
              '"',
            ),
          )
          .map((a) => a.join('')),
        (html) => {
          const scan = scanHtml(html);
          expect(scan.depth).toBeGreaterThanOrEqual(0);
          expect(typeof scan.text).toBe('string');
        },
      ),
    );
  });
});

describe('loadMarkdown', () => {
  const md = `---\ntitle: "FCC adds Kaspersky"\ndate: 2022-03-25\nlang: en\n---\n\n# Heading\n\nThe **FCC** added [Kaspersky](https://example.org) to its list.\n\n> "Quoted words," said the chairwoman.\n\n- first item\n- second item\n`;

  it('takes front matter as metadata and strips markup from the text', () => {
    const { records } = loadMarkdown(md);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ title: 'FCC adds Kaspersky', published: '2022-03-25', declaredLanguage: 'en' });
    const body = records[0]!.body;
    expect(body).toContain('The FCC added Kaspersky to its list.');
    expect(body).toContain('"Quoted words," said the chairwoman.');
    expect(body).not.toMatch(/[*#>[\]]|https:/);
  });

  it('uses the first heading as title without front matter', () => {
    expect(loadMarkdown('## Warnung des BSI\n\nText des Absatzes.').records[0]!.title).toBe('Warnung des BSI');
  });

  it.each([
    ['de', 'Das BSI warnt vor der Software.'],
    ['en', 'CISA ordered agencies to patch.'],
  ])('reads quotes nested 20,000 deep as their text, saying it read them as plain text (%s)', (_lang, sentence) => {
    const [record] = loadMarkdown(`Einleitung.\n\n${'>'.repeat(20_000)} ${sentence}\n`).records;
    expect(record!.body.trim()).toBe(`Einleitung.\n\n${sentence}`);
    expect(record!.messages).toMatchObject([{ ruleId: 'markdown-too-deep', place: { line: 3 } }]);
  });

  it.each([
    ['de', 'Punkt der Liste', 'Nachsatz des Dokuments.'],
    ['en', 'item of the list', 'Closing line of the document.'],
  ])('reads a long nested list like the same list parsed whole, in bounded parts (%s)', (_lang, item, closing) => {
    // Tens of thousands of nested items: parsed whole, micromark's time grows with the square of the list.
    const list = Array.from({ length: 4000 }, (_, n) => `${'  '.repeat(n % 5)}- ${item} ${n}\n`).join('');
    const [record] = loadMarkdown(`${list}\n${closing}\n`).records;
    const lines = record!.body.split(/\n+/).filter((l) => l.trim() !== '');
    expect(lines).toHaveLength(4001);
    expect(lines[3999]).toBe(`${item} 3999`);
    expect(lines[4000]).toBe(closing);
    expect(record!.messages).toEqual([]);
  });

  it('keeps a code fence whole when a long file is parsed in parts', () => {
    const filler = 'Ein Absatz über die Warnung des Amtes.\n\n'.repeat(2000);
    const fence = '```\n- keine Liste\n\n# kein Titel\n```\n';
    const body = loadMarkdown(`${filler}${fence.repeat(3000)}`).records[0]!.body;
    expect(body.split('- keine Liste').length - 1).toBe(3000);
    expect(body.split('# kein Titel').length - 1).toBe(3000);
  });
});

describe('loadJson', () => {
  it.each([
    ['one record', { text: 'The agency warned.', title: 'T', date: '2024-06-20' }, 1],
    ['an array', [{ body: 'Erster Text.' }, { content: 'Second text.' }], 2],
    ['a wrapper object', { items: [{ text: 'A' }, { text: 'B' }, { text: 'C' }] }, 3],
  ])('reads %s', (_name, value, count) => {
    const result = loadJson(JSON.stringify(value));
    expect(result.records).toHaveLength(count);
    expect(result.messages).toEqual([]);
  });

  it('maps metadata fields', () => {
    const [record] = loadJson(
      JSON.stringify({
        content: 'x',
        headline: 'Titel',
        published: '2024-06-21T14:30:00Z',
        url: 'https://example.org/a',
        lang: 'de',
      }),
    ).records;
    expect(record).toMatchObject({
      body: 'x',
      title: 'Titel',
      published: '2024-06-21',
      url: 'https://example.org/a',
      declaredLanguage: 'de',
    });
  });

  it('extracts text from HTML content', () => {
    const [record] = loadJson(
      JSON.stringify({ content: '<p>Erster Absatz.</p><p>Zweiter <em>Absatz</em>.</p>' }),
    ).records;
    expect(record!.body.trim().split(/\n+/)).toEqual(['Erster Absatz.', 'Zweiter Absatz.']);
  });

  it('reports records without a text field and keeps the others', () => {
    const result = loadJson(JSON.stringify([{ text: 'good' }, { title: 'no text' }, 42]));
    expect(result.records).toHaveLength(1);
    expect(result.messages.map((m) => m.detail)).toEqual([
      'record 2: no text field (expected one of: text, body, content)',
      'record 3: expected an object, found number',
    ]);
    expect(result.messages.map((m) => [m.ruleId, m.place])).toEqual([
      ['json-record-invalid', { record: 2 }],
      ['json-record-invalid', { record: 3 }],
    ]);
  });

  it('reports invalid JSON as an error', () => {
    const result = loadJson('{"text": "unterminated');
    expect(result.records).toEqual([]);
    expect(result.messages[0]).toMatchObject({ severity: 'error', ruleId: 'json-invalid' });
  });
});

describe('loadJsonLine', () => {
  it('names the broken line, in the text and as the place', () => {
    const [message] = loadJsonLine('{"text": ', 7).messages;
    expect(message!.detail).toMatch(/^line 7: not valid JSON/);
    expect(message).toMatchObject({ ruleId: 'jsonl-line-invalid', place: { line: 7 } });
    expect(loadJsonLine('{"title": "ohne Text"}', 9).messages[0]).toMatchObject({ place: { line: 9 } });
  });

  it('keeps the line number as the record number', () => {
    expect(loadJsonLine('{"text": "Die Behörde warnte."}', 3).records[0]!.record).toBe(3);
  });
});
