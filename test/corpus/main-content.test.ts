import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../corpus/loaders/html.js';
import { mainText } from '../../corpus/loaders/main-content.js';

/** A story of several paragraphs, as agencies and newsrooms publish them. */
const STORY = {
  de: [
    'Das Bundesamt für Sicherheit in der Informationstechnik hat am Dienstag vor einer kritischen Schwachstelle in weit verbreiteten VPN-Gateways gewarnt. Angreifer könnten die Geräte ohne Anmeldung übernehmen und sich von dort aus im Netz der betroffenen Einrichtung bewegen.',
    'Betroffen seien nach Angaben der Behörde vor allem Kommunalverwaltungen und mittelständische Unternehmen, die ihre Gateways seit Monaten nicht aktualisiert hätten. Der Hersteller hat inzwischen Updates bereitgestellt und rät zu einem sofortigen Neustart der Geräte.',
    'Die Behörde empfiehlt außerdem, die Protokolle der vergangenen vier Wochen auf ungewöhnliche Anmeldungen zu prüfen. Wer Hinweise auf einen erfolgreichen Angriff findet, soll den Vorfall dem Lagezentrum melden und die Zugangsdaten aller Konten erneuern.',
  ],
  en: [
    'The Cybersecurity and Infrastructure Security Agency warned on Tuesday that attackers are exploiting a critical flaw in widely used VPN gateways. An unauthenticated attacker can take over a device and move from it into the network of the organization that runs it.',
    'According to the agency, municipal governments and mid-sized manufacturers are most exposed, since many of them have not updated their gateways for months. The vendor has released fixed firmware and advises administrators to restart every device after installing it.',
    'The agency also recommends reviewing the logs of the past four weeks for unusual sign-ins. Organizations that find signs of a successful intrusion should report the incident and reset the credentials of every account that used the gateway.',
  ],
} as const;
type Language = keyof typeof STORY;

/** Page furniture with the words sites use, in each language. */
const FURNITURE = {
  de: {
    menu: ['Startseite', 'Themen', 'Presse', 'Service', 'Kontakt', 'Karriere'].map((w) => `<a href="/${w}">${w}</a>`),
    sidebar: 'Meistgelesen: Neue Förderrichtlinie für Kommunen veröffentlicht',
    footer: 'Impressum · Datenschutzerklärung · Barrierefreiheit',
    cookie: 'Wir verwenden Cookies, um unsere Website für Sie optimal zu gestalten.',
    teaser: 'Lesen Sie auch: Wie Sie Ihr Heimnetz gegen Angriffe absichern',
    related: ['Phishing-Welle trifft Sparkassenkunden', 'Neue Version des IT-Grundschutz-Kompendiums'],
    comment: 'Leserkommentar: Das hätte man schon vor Jahren beheben müssen.',
    credit: 'Foto: Pressestelle',
    notice:
      'Ihr Browser ist veraltet. Bitte installieren Sie eine aktuelle Version, um alle Funktionen dieser Website nutzen zu können.',
  },
  en: {
    menu: ['Home', 'Topics', 'Newsroom', 'Services', 'Contact', 'Careers'].map((w) => `<a href="/${w}">${w}</a>`),
    sidebar: 'Most read: New grant programme for local governments announced',
    footer: 'Privacy policy · Accessibility · Terms of use',
    cookie: 'We use cookies to give you the best experience on our website.',
    teaser: 'Read next: How to secure your home network against attacks',
    related: ['Phishing wave hits bank customers', 'New edition of the security baseline released'],
    comment: 'Reader comment: This should have been fixed years ago.',
    credit: 'Photo: Press office',
    notice: 'Your browser is out of date. Please install a current version to use every feature of this website.',
  },
} as const;

const paragraphs = (lang: Language) => STORY[lang].map((p) => `<p>${p}</p>`).join('\n');
const relatedList = (lang: Language) =>
  `<ul>${FURNITURE[lang].related.map((t) => `<li><a href="/${encodeURIComponent(t)}">${t}</a></li>`).join('')}</ul>`;
const page = (lang: Language, body: string) =>
  `<!doctype html><html lang="${lang}"><head><title>${lang === 'de' ? 'Warnung vor VPN-Lücke' : 'VPN flaw warning'}</title></head><body>${body}</body></html>`;
const menu = (lang: Language) => `<div class="menu">${FURNITURE[lang].menu.join(' | ')}</div>`;

/** One page per failure class of the old loader (first semantic element, else the whole body, after a removal list). */
const CASES: Array<[string, (lang: Language) => string, (lang: Language) => string[]]> = [
  [
    'a page without <article> or <main>: menus, sidebar and footer are divs',
    (lang) =>
      page(
        lang,
        `${menu(lang)}<div class="wrapper"><div class="col-left"><h1>Titel</h1>${paragraphs(lang)}</div>
        <div class="col-right"><div class="box"><a href="/x">${FURNITURE[lang].sidebar}</a></div></div></div>
        <div class="site-bottom">${FURNITURE[lang].footer}</div>`,
      ),
    (lang) => [
      ...FURNITURE[lang].menu.map((a) => a.replace(/<[^>]+>/g, '')),
      FURNITURE[lang].sidebar,
      FURNITURE[lang].footer,
    ],
  ],
  [
    'the first <article> is a teaser box, the story a later one',
    (lang) =>
      page(
        lang,
        `${menu(lang)}<article class="teaser"><a href="/next"><h3>${FURNITURE[lang].teaser}</h3></a></article>
        <article class="story"><h1>Titel</h1>${paragraphs(lang)}</article>`,
      ),
    (lang) => [FURNITURE[lang].teaser],
  ],
  [
    'reader comments as <article> elements after the story',
    (lang) =>
      page(
        lang,
        `<main><article><h1>Titel</h1>${paragraphs(lang)}</article>
        <section class="comments"><article class="comment"><p>${FURNITURE[lang].comment}</p></article></section></main>`,
      ),
    (lang) => [FURNITURE[lang].comment],
  ],
  [
    'the whole page inside one <form>, as ASP.NET renders it',
    (lang) =>
      page(
        lang,
        `<form method="post" action="./meldung.aspx" id="aspnetForm">${menu(lang)}<div id="content">${paragraphs(lang)}</div>
        <div class="site-bottom">${FURNITURE[lang].footer}</div></form>`,
      ),
    (lang) => [FURNITURE[lang].footer],
  ],
  [
    'a share class on the wrapper of the story',
    (lang) => page(lang, `${menu(lang)}<div class="entry share">${paragraphs(lang)}</div>`),
    () => [],
  ],
  [
    'an empty <main> before the one with the story',
    (lang) => page(lang, `<main class="skeleton"></main>${menu(lang)}<main>${paragraphs(lang)}</main>`),
    () => [],
  ],
  [
    'related links, a cookie banner, a figure with its credit and a browser notice in a pop-up',
    (lang) =>
      page(
        lang,
        `<div class="browser-update popup"><p>${FURNITURE[lang].notice}</p><p>${FURNITURE[lang].notice}</p></div>
        <div id="cookie-consent" class="modal">${FURNITURE[lang].cookie}</div>
        <article><h1>Titel</h1><figure><img src="a.jpg"><figcaption>${FURNITURE[lang].credit}</figcaption></figure>
        ${paragraphs(lang)}<aside class="related-articles"><h2>Mehr</h2>${relatedList(lang)}</aside></article>`,
      ),
    (lang) => [FURNITURE[lang].notice, FURNITURE[lang].cookie, FURNITURE[lang].credit, ...FURNITURE[lang].related],
  ],
];

describe('main text of web pages', () => {
  describe.each(['de', 'en'] as const)('%s', (lang) => {
    it.each(CASES)('%s: keeps every paragraph of the story and none of the furniture', (_name, build, furniture) => {
      const body = extractHtml(build(lang)).body;
      for (const paragraph of STORY[lang]) expect(body).toContain(paragraph);
      for (const piece of furniture(lang)) expect(body).not.toContain(piece);
    });
  });

  it.each([
    ['de', 'Zwischenüberschrift', 'Zitat der Präsidentin', 'Gateway', 'Version'],
    ['en', 'Subheading', 'Quote from the director', 'Gateway', 'Version'],
  ] as const)(
    'keeps headings, list items, block quotes and table text of the story (%s)',
    (lang, heading, quote, cellA, cellB) => {
      const html = page(
        lang,
        `<article>${paragraphs(lang)}<h2>${heading}</h2><ul><li>${STORY[lang][0].slice(0, 40)} (1)</li></ul>
        <blockquote>${quote}</blockquote><table><tr><th>${cellA}</th><th>${cellB}</th></tr><tr><td>X-200</td><td>4.2.1</td></tr></table></article>`,
      );
      const lines = extractHtml(html)
        .body.split('\n')
        .map((l) => l.trim());
      for (const piece of [heading, `${STORY[lang][0].slice(0, 40)} (1)`, quote, cellA, cellB, 'X-200', '4.2.1'])
        expect(lines).toContain(piece);
    },
  );

  it('reads a fragment without <html> or <body>, as JSON records carry them', () => {
    expect(mainText(`<p>${STORY.de[0]}</p><p>${STORY.de[1]}</p>`).split('\n\n')).toEqual([STORY.de[0], STORY.de[1]]);
  });

  it('never throws, is deterministic, and neither invents nor reorders text, whatever the markup', () => {
    const tag = fc.constantFrom(
      'div',
      'p',
      'article',
      'main',
      'aside',
      'form',
      'section',
      'span',
      'h2',
      'li',
      'figure',
    );
    const element = fc.letrec<{ node: string }>((self) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.stringMatching(/^[A-Za-zÄÖÜäöüß .,]{0,40}$/),
        fc
          .tuple(
            tag,
            fc.constantFrom('', ' class="comments"', ' class="content"', ' id="main"'),
            fc.array(self('node')),
          )
          .map(([t, attr, children]) => `<${t}${attr}>${children.join('')}</${t}>`),
      ),
    })).node;
    fc.assert(
      fc.property(element, (html) => {
        const text = mainText(html);
        expect(mainText(html)).toBe(text);
        expect(text).not.toMatch(/[<>]/);
        // The letters kept are a subsequence of the page's letters, in the page's order.
        const source = html.replace(/<[^>]*>/g, '').match(/\p{L}/gu) ?? [];
        let at = 0;
        for (const letter of text.match(/\p{L}/gu) ?? []) {
          while (at < source.length && source[at] !== letter) at++;
          expect(at).toBeLessThan(source.length);
          at++;
        }
      }),
      { numRuns: 200 },
    );
  });
});
