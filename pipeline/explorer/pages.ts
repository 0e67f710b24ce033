import { html, raw } from 'hono/html';
import type {
  CooccurringEntity,
  DocumentContext,
  DocumentPage,
  EntityDetails,
  ExportRecord,
  ImportRun,
  RunOutcomes,
  StatementRow,
  TimelineCounts,
} from '../../output/records.js';
import { documentHighlights, textBlocks } from './highlight.js';

/** What a page renders to: hono's escaped HTML (every interpolated string is escaped, nested templates are not). */
export type Html = ReturnType<typeof html>;

/** Snippet marks the queries put around matched terms: control characters no document text keeps. */
export const MARK: [string, string] = ['\u0002', '\u0003'];

const LEGEND = ['person', 'agency', 'organization', 'location', 'date', 'quote'] as const;

/** Query-string link to the same page with some parameters changed (empty values dropped). */
export function withParams(path: string, params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(key, String(value));
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

export function layout(title: string, body: Html, options: { script?: boolean } = {}): Html {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · advisory-kb</title>
        <link rel="stylesheet" href="/assets/explorer.css" />
        ${
          options.script
            ? html`<script src="/assets/chart.umd.min.js" defer></script>
                <script src="/assets/explorer.js" defer></script>`
            : ''
        }
      </head>
      <body>
        <header class="top">
          <a class="brand" href="/">advisory-kb</a>
          <nav>
            <a href="/">Search</a>
            <a href="/quotes">Quotes</a>
            <a href="/imports">Imports</a>
          </nav>
        </header>
        <main>${body}</main>
      </body>
    </html>`;
}

export function messagePage(title: string, message: string): Html {
  return layout(
    title,
    html`<h1>${title}</h1>
      <p class="error" role="alert">${message}</p>`,
  );
}

/** A snippet whose matched terms the query marked: escaped text, marks turned into <mark>. */
function markedSnippet(snippet: string): Html {
  const parts = snippet.split(new RegExp(`(${MARK[0]}[^${MARK[1]}]*${MARK[1]})`));
  return html`${parts.map((part) =>
    part.startsWith(MARK[0]) ? html`<mark>${part.slice(1, -1)}</mark>` : html`${part.replace(/[\u0002\u0003]/g, '')}`,
  )}`;
}

function pager(
  path: string,
  params: Record<string, string | number | undefined>,
  offset: number,
  limit: number,
  hasMore: boolean,
  total?: number,
): Html {
  const shown =
    total === undefined ? '' : `${Math.min(offset + 1, total)}–${Math.min(offset + limit, total)} of ${total}`;
  return html`<nav class="pager" aria-label="pages">
    ${
      offset > 0
        ? html`<a rel="prev" href="${withParams(path, { ...params, offset: Math.max(0, offset - limit) || undefined })}"
            >← previous</a
          >`
        : ''
    }
    <span>${shown}</span>
    ${hasMore ? html`<a rel="next" href="${withParams(path, { ...params, offset: offset + limit })}">next →</a>` : ''}
  </nav>`;
}

const tableHead = (...columns: string[]) =>
  html`<thead>
    <tr>
      ${columns.map((c) => html`<th>${c}</th>`)}
    </tr>
  </thead>`;

function documentLink(d: { id: string; title: string | null; path: string }, hash = ''): Html {
  return html`<a href="/documents/${d.id}${hash}">${d.title ?? d.path}</a>`;
}

const option = (value: string, label: string, current: string) =>
  html`<option value="${value}" ${current === value ? 'selected' : ''}>${label}</option>`;

export interface SearchForm {
  q: string;
  lang: '' | 'de' | 'en' | 'und';
  from: string;
  to: string;
  entity: string;
  agency: string;
  sort: '' | 'relevance' | 'date';
  offset: number;
  limit: number;
}

export function searchPage(form: SearchForm, page: DocumentPage | null, error: string | null): Html {
  // The filters are the page's URL; the pager adds the offset.
  const { offset: _offset, limit: _limit, ...params } = form;
  return layout(
    form.q ? `Search: ${form.q}` : 'Search',
    html`<h1>Search the documents</h1>
      <form class="filters" method="get" action="/" role="search">
        <label class="wide">Words <input name="q" value="${form.q}" placeholder="US-Regierung Kaspersky" /></label>
        <label
          >Language
          <select name="lang">
            ${option('', 'any', form.lang)}${option('de', 'German', form.lang)}${option('en', 'English', form.lang)}
          </select>
        </label>
        <label>From <input name="from" value="${form.from}" placeholder="YYYY[-MM[-DD]]" size="10" /></label>
        <label>To <input name="to" value="${form.to}" placeholder="YYYY[-MM[-DD]]" size="10" /></label>
        <label>Entity <input name="entity" value="${form.entity}" placeholder="Gina Raimondo" /></label>
        <label>Agency <input name="agency" value="${form.agency}" placeholder="BSI" /></label>
        <label
          >Sort
          <select name="sort">
            ${option('', 'best first', form.sort)}${option('date', 'newest first', form.sort)}
          </select>
        </label>
        <button type="submit">Search</button>
      </form>
      ${error ? html`<p class="error" role="alert">${error}</p>` : ''}
      ${
        page
          ? html`<p class="count">
                ${page.total} document${page.total === 1 ? '' : 's'}${form.q ? html` match <q>${form.q}</q>` : ''}
              </p>
              <ol class="hits">
                ${page.hits.map(
                  (h) =>
                    html`<li>
                      <h2>${documentLink(h)}</h2>
                      <p class="meta">
                        <span class="lang">${h.language}</span> ${h.published ?? 'undated'} · ${h.path}
                        ${h.copies > 0 ? html`· <span class="copies">${h.copies} cop${h.copies === 1 ? 'y' : 'ies'} folded</span>` : ''}
                        ${h.score !== null ? html`· score ${h.score}` : ''}
                      </p>
                      <p class="snippet">${markedSnippet(h.snippet)}</p>
                    </li>`,
                )}
              </ol>
              ${pager('/', params, form.offset, form.limit, form.offset + form.limit < page.total, page.total)}`
          : ''
      }`,
  );
}

/**
 * The same escaping template under another name, for markup whose whitespace is the document's: the formatter
 * reflows templates tagged `html`, and in the text every space and line break is an offset.
 */
const exact = html;

function highlightedText(record: ExportRecord): Html {
  const blocks = textBlocks(record.text ?? '', record.paragraphs, documentHighlights(record));
  return exact`${blocks.map((block) => {
    const pieces = block.pieces.map((piece) => {
      const anchors = piece.anchors.map((a) => exact`<span class="anchor" id="${a}"></span>`);
      if (piece.highlights.length === 0) return exact`${anchors}${piece.text}`;
      const kinds = [...new Set(piece.highlights.map((h) => h.kind))].join(' ');
      // A piece inside nested highlights (a quote within reported speech) carries every id, as a token list.
      const data = new Map<string, Set<string>>();
      for (const h of piece.highlights)
        for (const [k, v] of Object.entries(h.data)) data.set(k, (data.get(k) ?? new Set()).add(v));
      const attributes = [...data].map(([k, v]) => exact` data-${k}="${[...v].join(' ')}"`);
      const title = piece.highlights.map((h) => h.label).join('\n');
      return exact`${anchors}<span class="hl ${kinds}" data-start="${piece.start}" data-end="${piece.end}"${attributes} title="${title}">${piece.text}</span>`;
    });
    if (block.language)
      return exact`<p class="para" lang="${block.language}" data-start="${block.start}" data-end="${block.end}"><span class="para-lang" aria-hidden="true">${block.language}</span>${pieces}</p>`;
    const blank = block.pieces.every((p) => p.text.trim() === '') ? ' blank' : '';
    return exact`<span class="gap${blank}">${pieces}</span>`;
  })}`;
}

export function documentPage(record: ExportRecord, context: DocumentContext): Html {
  const entities = [...record.entities].sort(
    (a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name),
  );
  return layout(
    record.title ?? record.source.path,
    html`<article class="document">
      <h1>${record.title ?? record.source.path}</h1>
      <p class="meta">
        <span class="lang">${record.language.code}</span> ${record.published?.value ?? 'undated'}
        ${record.published ? html`(from the ${record.published.source})` : ''} · <code>${record.id}</code>
      </p>
      <ul class="legend" aria-label="legend">
        ${LEGEND.map((kind) => html`<li><span class="hl ${kind}">${kind}</span></li>`)}
      </ul>
      <div class="columns">
        <section class="text" aria-label="text">${highlightedText(record)}</section>
        <aside class="side">
          <h2>Entities (${entities.length})</h2>
          <ul class="entities">
            ${entities.map(
              (e) =>
                html`<li>
                  <a href="#m-${e.mentions[0]!.start}-${e.mentions[0]!.end}"
                    ><span class="hl ${e.type}">${e.name}</span></a
                  >
                  ×${e.mentions.length} · <a href="/entities/${e.id}">entity page</a>
                  ${e.roles.length ? html`<br /><small>${e.roles.join(', ')}</small>` : ''}
                </li>`,
            )}
          </ul>
          <h2>Quotes (${record.quotes.length})</h2>
          <ul class="quotes">
            ${record.quotes.map(
              (q) =>
                html`<li>
                  <a href="#q-${q.id}">${q.speaker?.name ?? 'unknown speaker'}</a> <small>(${q.kind})</small>
                  <blockquote>${q.text}</blockquote>
                </li>`,
            )}
          </ul>
          <h2>Dates (${record.dates.length})</h2>
          <ul class="dates">
            ${record.dates.map((d) => html`<li><a href="#d-${d.start}-${d.end}">${d.value}</a> ${d.text}</li>`)}
          </ul>
          <h2>Source</h2>
          <ul>
            ${record.sources.map(
              (s) =>
                html`<li>
                  <code>${s.path}</code>${s.record ? ` record ${s.record}` : ''} · ${s.format}, ${s.encoding}
                </li>`,
            )}
          </ul>
          <h2>Paragraph languages</h2>
          <ul class="paragraphs">
            ${record.paragraphs.map((p) => html`<li>${p.start}–${p.end}: ${p.language} (${p.confidence.toFixed(2)})</li>`)}
          </ul>
          <h2>Duplicates</h2>
          ${
            record.duplicateOf
              ? html`<p>
                  A near-duplicate copy of
                  <a href="/documents/${record.duplicateOf}">${record.duplicateOf}</a> (similarity
                  ${record.duplicateSimilarity?.toFixed(2) ?? '?'}).
                </p>`
              : ''
          }
          ${
            context.copies.length
              ? html`<ul>
                  ${context.copies.map((c) => html`<li>${documentLink(c)} (similarity ${c.similarity?.toFixed(2) ?? '?'})</li>`)}
                </ul>`
              : record.duplicateOf
                ? ''
                : html`<p>None.</p>`
          }
          <h2>Import</h2>
          <ul class="outcomes">
            ${context.outcomes.map(
              (o) =>
                html`<li>
                  <a href="/imports/${o.runId}">run ${o.runId}</a>:
                  ${o.status}${o.reason ? html` <code>${o.reason}</code>` : ''}
                  ${o.detail ? html`<br /><small>${o.detail}</small>` : ''}
                </li>`,
            )}
          </ul>
          ${
            context.messages.length
              ? html`<h2>Messages</h2>
                  <ul>
                    ${context.messages.map((m) => html`<li>${m.severity} <code>${m.ruleId}</code> (${m.stage}): ${m.detail}</li>`)}
                  </ul>`
              : ''
          }
        </aside>
      </div>
    </article>`,
  );
}

function statementList(statements: StatementRow[]): Html {
  return html`<ol class="statements">
    ${statements.map(
      (s) =>
        html`<li>
          <blockquote>${s.text}</blockquote>
          <p class="meta">
            ${
              s.speaker.entityId
                ? html`<a href="/entities/${s.speaker.entityId}">${s.speaker.name}</a>`
                : (s.speaker.name ?? 'unknown speaker')
            }
            ${s.speaker.role ? html`, ${s.speaker.role}` : ''} · ${s.kind} · ${s.firstPublished ?? 'undated'}
          </p>
          <ul class="sources">
            ${s.sources.map(
              (src) =>
                html`<li>
                  <a href="/documents/${src.documentId}#q-${src.quoteId}">${src.path}</a> ${src.published ?? ''}
                  (${src.start}–${src.end})
                </li>`,
            )}
          </ul>
        </li>`,
    )}
  </ol>`;
}

export function entityPage(details: EntityDetails, timeline: TimelineCounts, together: CooccurringEntity[]): Html {
  const e = details.entity;
  const most = Math.max(1, ...together.map((t) => t.shared));
  return layout(
    e.name,
    html`<h1><span class="hl ${e.type}">${e.name}</span></h1>
      <p class="meta">
        ${e.type}${e.acronym ? html` · ${e.acronym}` : ''}${e.country ? html` · ${e.country}` : ''} · ${e.documents}
        document${e.documents === 1 ? '' : 's'}, ${e.mentions} mentions
        ${details.entity.parent ? html`· part of <a href="/entities/${details.entity.parent.id}">${details.entity.parent.name}</a>` : ''}
        · <a href="${withParams('/', { entity: e.id })}">its documents</a>
      </p>
      <section>
        <h2>Names</h2>
        <ul class="aliases">
          ${details.aliases.map((a) => html`<li>${a}</li>`)}
        </ul>
      </section>
      ${
        details.merged.length
          ? html`<section>
              <h2>Variants merged into it</h2>
              <table>
                ${tableHead('variant', 'rule', 'evidence', 'via')}
                <tbody>
                  ${details.merged.map(
                    (m) =>
                      html`<tr>
                        <td>${m.name}</td>
                        <td>${m.rule}</td>
                        <td>${m.evidence}</td>
                        <td>${m.via}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </section>`
          : ''
      }
      ${
        details.roles.length || details.affiliations.length
          ? html`<section>
              <h2>Roles and affiliations</h2>
              <ul>
                ${details.roles.map((r) => html`<li>${r.role} (${r.documents} doc.)</li>`)}
                ${details.affiliations.map((a) => html`<li><a href="/entities/${a.id}">${a.name}</a> (${a.documents} doc.)</li>`)}
              </ul>
            </section>`
          : ''
      }
      <section>
        <h2>Timeline</h2>
        <canvas
          id="timeline"
          role="img"
          aria-label="documents, dated sentences and quotes per month"
          height="220"
        ></canvas>
        <script type="application/json" id="timeline-data">
          ${raw(JSON.stringify(timeline).replace(/</g, '\\u003c'))}
        </script>
      </section>
      <section>
        <h2>Named with it most</h2>
        <ul class="together">
          ${together.map(
            (t) =>
              html`<li>
                <a href="/entities/${t.id}"><span class="hl ${t.type}">${t.name}</span></a>
                <progress max="${most}" value="${t.shared}"></progress> ${t.shared} doc.
              </li>`,
          )}
        </ul>
      </section>
      <section>
        <h2>Quotes and statements</h2>
        <p class="meta">
          The earliest ${details.quotes.length};
          <a href="${withParams('/quotes', { speaker: e.id })}">all of them, with filters</a>.
        </p>
        ${statementList(details.quotes)}
      </section>
      <section>
        <h2>Documents (${e.documents})</h2>
        <p class="meta">
          The earliest ${details.documents.length};
          <a href="${withParams('/', { entity: e.id })}">all of them, with filters</a>.
        </p>
        <ul>
          ${details.documents.map((d) => html`<li>${documentLink(d)} ${d.published ?? 'undated'} · ×${d.mentions}</li>`)}
        </ul>
      </section>`,
    { script: true },
  );
}

export interface QuoteForm {
  speaker: string;
  agency: string;
  contains: string;
  from: string;
  to: string;
  kind: '' | 'direct' | 'indirect';
  sort: '' | 'date' | '-date';
  offset: number;
  limit: number;
}

export function quotesPage(form: QuoteForm, statements: StatementRow[], hasMore: boolean): Html {
  const { offset: _offset, limit: _limit, ...params } = form;
  return layout(
    'Quotes',
    html`<h1>Who said what</h1>
      <form class="filters" method="get" action="/quotes">
        <label>Speaker <input name="speaker" value="${form.speaker}" placeholder="Raimondo" /></label>
        <label>Agency <input name="agency" value="${form.agency}" placeholder="BSI" /></label>
        <label class="wide">Words <input name="contains" value="${form.contains}" placeholder="Kaspersky" /></label>
        <label>From <input name="from" value="${form.from}" placeholder="YYYY[-MM[-DD]]" size="10" /></label>
        <label>To <input name="to" value="${form.to}" placeholder="YYYY[-MM[-DD]]" size="10" /></label>
        <label
          >Kind
          <select name="kind">
            ${option('', 'any', form.kind)}${option('direct', 'direct', form.kind)}${option('indirect', 'indirect', form.kind)}
          </select>
        </label>
        <label
          >Sort
          <select name="sort">
            ${option('', 'oldest first', form.sort)}${option('-date', 'newest first', form.sort)}
          </select>
        </label>
        <button type="submit">Filter</button>
      </form>
      ${statementList(statements)}${pager('/quotes', params, form.offset, form.limit, hasMore)}`,
  );
}

export function importsPage(runs: Array<{ run: ImportRun; counts: Record<string, number> }>): Html {
  return layout(
    'Imports',
    html`<h1>Imports</h1>
      <table class="runs">
        ${tableHead('run', 'started', 'finished', 'status', 'files by outcome', 'arguments')}
        <tbody>
          ${runs.map(
            ({ run, counts }) =>
              html`<tr>
                <td><a href="/imports/${run.id}">${run.id}</a></td>
                <td>${run.startedAt}</td>
                <td>${run.finishedAt ?? ''}</td>
                <td>${run.status}</td>
                <td>
                  ${Object.entries(counts).map(
                    ([status, n]) =>
                      html`<a href="${withParams(`/imports/${run.id}`, { status })}">${status} ${n}</a> `,
                  )}
                </td>
                <td><code>${run.arguments.join(' ')}</code></td>
              </tr>`,
          )}
        </tbody>
      </table>`,
  );
}

export function runPage(result: RunOutcomes, status: string, offset: number, limit: number): Html {
  const path = `/imports/${result.run.id}`;
  return layout(
    `Import ${result.run.id}`,
    html`<h1>Import ${result.run.id}: ${result.run.status}</h1>
      <p class="meta">
        ${result.run.startedAt} → ${result.run.finishedAt ?? '…'} · <code>${result.run.arguments.join(' ')}</code>
      </p>
      <p class="statuses">
        <a href="${path}" ${status ? '' : html`aria-current="page"`}>all</a>
        ${Object.entries(result.counts).map(
          ([s, n]) =>
            html`<a href="${withParams(path, { status: s })}" ${s === status ? html`aria-current="page"` : ''}
              >${s} ${n}</a
            >`,
        )}
      </p>
      <table class="outcomes">
        ${tableHead('file', 'record', 'status', 'reason', 'detail')}
        <tbody>
          ${result.outcomes.map(
            (o) =>
              html`<tr>
                <td>${o.documentId ? html`<a href="/documents/${o.documentId}">${o.path}</a>` : o.path}</td>
                <td>${o.record || ''}</td>
                <td>${o.status}</td>
                <td>${o.reason ? html`<code>${o.reason}</code>` : ''}</td>
                <td>${o.detail ?? ''}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${pager(path, { status }, offset, limit, offset + limit < result.total, result.total)}`,
  );
}
