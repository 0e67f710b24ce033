import { describe, expect, it, vi } from 'vitest';
import { extractHtml } from '../../corpus/loaders/html.js';

// A page that the DOM reader cannot take, whatever the reason (a library bug, a page that breaks its assumptions).
vi.mock('@mozilla/readability', () => ({
  Readability: class {
    parse(): never {
      throw new RangeError('Maximum call stack size exceeded');
    }
  },
}));

describe('a page the DOM reader fails on', () => {
  it.each([
    ['de', '<html><body><nav>Startseite</nav><p>Das BSI warnt vor einer Lücke in VPN-Gateways.</p></body></html>'],
    ['en', '<html><body><nav>Home</nav><p>CISA warns of a flaw in VPN gateways.</p></body></html>'],
  ])('keeps its text, read linearly, with a warning that says why (%s)', (_lang, html) => {
    const page = extractHtml(html);
    expect(page.body).toContain(html.replace(/.*<p>|<\/p>.*/g, ''));
    expect(page.messages).toEqual([
      expect.objectContaining({
        stage: 'load',
        severity: 'warning',
        ruleId: 'html-reader-failed',
        detail: expect.stringContaining('Maximum call stack size exceeded'),
      }),
    ]);
  });
});
