import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type Context, Hono } from 'hono';
import { PROJECT_ROOT } from '../../corpus/paths.js';
import { secureHeaders } from 'hono/secure-headers';
import type { KnowledgeBaseReader } from '../../output/knowledge-base.js';
import { type EntitySummary, QueryError } from '../../output/records.js';
import { calendarDateProblem } from '../date-argument.js';
import {
  documentPage,
  entityPage,
  type Html,
  importsPage,
  MARK,
  messagePage,
  type QuoteForm,
  quotesPage,
  runPage,
  type SearchForm,
  searchPage,
} from './pages.js';

/** The most rows a page shows at once, whatever `limit` asks. */
const MAX_LIMIT = 100;
const DEFAULT_LIMIT = 20;
/** The search form with nothing asked. */
const NO_FILTERS: SearchForm = {
  q: '',
  lang: '',
  from: '',
  to: '',
  entity: '',
  agency: '',
  sort: '',
  offset: 0,
  limit: DEFAULT_LIMIT,
};
/**
 * An entity page lists its earliest documents and statements (the search and quotes pages list them all); its dated
 * sentences are the timeline's, counted per month.
 */
const ENTITY_PAGE_LIMITS = { documents: 100, quotes: 50, dates: false };

/** The project's own assets, read from the source tree (as migrations are); Chart.js from its package. */
const ASSETS = join(PROJECT_ROOT, 'pipeline', 'explorer', 'assets');
const CHART = join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');
const ASSET_FILES: Record<string, { path: string; type: string }> = {
  'explorer.css': { path: join(ASSETS, 'explorer.css'), type: 'text/css; charset=utf-8' },
  'explorer.js': { path: join(ASSETS, 'explorer.js'), type: 'text/javascript; charset=utf-8' },
  'chart.umd.min.js': { path: CHART, type: 'text/javascript; charset=utf-8' },
};

/** A request's parameter as the user typed it, trimmed; absent is empty. */
const param = (c: Context, name: string) => (c.req.query(name) ?? '').trim();

function integer(c: Context, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = param(c, name);
  if (value === '') return fallback;
  if (!/^\d+$/.test(value)) throw new QueryError(`${name} must be a whole number, not ${JSON.stringify(value)}`);
  return Math.min(Number(value), max);
}

function date(c: Context, name: string): string {
  const value = param(c, name);
  const problem = value ? calendarDateProblem(value) : null;
  if (problem) throw new QueryError(`${name}: ${problem}`);
  return value;
}

function choice<T extends string>(c: Context, name: string, allowed: readonly T[]): T | '' {
  const value = param(c, name);
  if (value !== '' && !allowed.includes(value as T))
    throw new QueryError(`${name} must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}`);
  return value as T | '';
}

/** A name or id to the entity it means; an agency filter takes agencies and organizations only. */
async function resolveEntity(reader: KnowledgeBaseReader, name: string, agency = false): Promise<EntitySummary> {
  const found = (await reader.findEntities(name)).filter(
    (e) => !agency || e.type === 'agency' || e.type === 'organization',
  );
  if (!found[0])
    throw new QueryError(`no ${agency ? 'agency or organization' : 'entity'} is named ${JSON.stringify(name)}`);
  return found[0];
}

/**
 * The researchers' explorer: five pages (search, document, entity, quotes, imports) over a knowledge base opened
 * read-only, each also served as JSON under /api with the shapes of the CLI's --json. Every value from a request is a
 * bound parameter or a validated choice; every text is escaped by the templates.
 */
export function createExplorer(reader: KnowledgeBaseReader): Hono {
  const app = new Hono();
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
      },
    }),
  );

  /** A page and its JSON twin from one loader: the loader's QueryErrors become a message, not a 500. */
  const route = <T>(path: string, load: (c: Context) => Promise<T>, render: (data: T, c: Context) => Html) => {
    app.get(`/api${path}`, async (c) => {
      try {
        return c.json(await load(c));
      } catch (error) {
        if (error instanceof QueryError) return c.json({ error: error.message }, notFound(error) ? 404 : 400);
        throw error;
      }
    });
    app.get(path, async (c) => {
      try {
        return c.html(render(await load(c), c));
      } catch (error) {
        if (error instanceof QueryError)
          return c.html(
            messagePage(notFound(error) ? 'Not found' : 'Cannot show this', error.message),
            notFound(error) ? 404 : 400,
          );
        throw error;
      }
    });
  };

  const searchForm = (c: Context): SearchForm => ({
    q: param(c, 'q'),
    lang: choice(c, 'lang', ['de', 'en', 'und'] as const),
    from: date(c, 'from'),
    to: date(c, 'to'),
    entity: param(c, 'entity'),
    agency: param(c, 'agency'),
    sort: choice(c, 'sort', ['relevance', 'date'] as const),
    offset: integer(c, 'offset', 0),
    limit: integer(c, 'limit', DEFAULT_LIMIT, MAX_LIMIT) || DEFAULT_LIMIT,
  });
  app.get('/', async (c) => {
    let form: SearchForm | null = null;
    try {
      form = searchForm(c);
      return c.html(searchPage(form, await searchDocuments(reader, form), null));
    } catch (error) {
      if (!(error instanceof QueryError)) throw error;
      // A filter that could not be read leaves the form with the words only.
      const shown = form ?? { ...NO_FILTERS, q: param(c, 'q') };
      return c.html(searchPage(shown, null, error.message), 400);
    }
  });
  app.get('/api/search', async (c) => {
    try {
      return c.json(await searchDocuments(reader, searchForm(c), ['[', ']']));
    } catch (error) {
      if (error instanceof QueryError) return c.json({ error: error.message }, 400);
      throw error;
    }
  });

  route(
    '/documents/:id',
    async (c) => {
      const record = await reader.document(c.req.param('id')!);
      return { record, context: await reader.documentContext(record.id) };
    },
    ({ record, context }) => documentPage(record, context),
  );

  route(
    '/entities/:id',
    async (c) => {
      const details = await reader.entity(c.req.param('id')!, ENTITY_PAGE_LIMITS);
      const id = details.entity.id;
      return { details, timeline: await reader.timelineCounts(id), together: await reader.cooccurring(id, 12) };
    },
    ({ details, timeline, together }) => entityPage(details, timeline, together),
  );

  const quoteForm = (c: Context): QuoteForm => ({
    speaker: param(c, 'speaker'),
    agency: param(c, 'agency'),
    contains: param(c, 'contains'),
    from: date(c, 'from'),
    to: date(c, 'to'),
    kind: choice(c, 'kind', ['direct', 'indirect'] as const),
    sort: choice(c, 'sort', ['date', '-date'] as const),
    offset: integer(c, 'offset', 0),
    limit: integer(c, 'limit', DEFAULT_LIMIT, MAX_LIMIT) || DEFAULT_LIMIT,
  });
  route(
    '/quotes',
    async (c) => {
      const form = quoteForm(c);
      const statements = await reader.quotes({
        speaker: form.speaker || undefined,
        agency: form.agency || undefined,
        contains: form.contains || undefined,
        from: form.from || undefined,
        to: form.to || undefined,
        kind: form.kind || undefined,
        sort: form.sort || undefined,
        offset: form.offset,
        // One more than shown tells whether there is a next page.
        limit: form.limit + 1,
      });
      return { form, statements: statements.slice(0, form.limit), hasMore: statements.length > form.limit };
    },
    ({ form, statements, hasMore }) => quotesPage(form, statements, hasMore),
  );

  route(
    '/imports',
    async () => {
      const runs = (await reader.runs()).reverse();
      return Promise.all(
        runs.map(async (run) => ({ run, counts: (await reader.runOutcomes(run.id, { limit: 0 })).counts })),
      );
    },
    (runs) => importsPage(runs),
  );
  route(
    '/imports/:id',
    async (c) => {
      const id = Number(c.req.param('id'));
      if (!Number.isInteger(id)) throw new QueryError(`no import has the number ${JSON.stringify(c.req.param('id'))}`);
      const status = choice(c, 'status', [
        'imported',
        'duplicate',
        'unchanged',
        'skipped',
        'degraded',
        'failed',
      ] as const);
      const offset = integer(c, 'offset', 0);
      const limit = integer(c, 'limit', 50, MAX_LIMIT) || 50;
      return {
        status,
        offset,
        limit,
        ...(await reader.runOutcomes(id, { status: status || undefined, limit, offset })),
      };
    },
    ({ status, offset, limit, ...result }) => runPage(result, status, offset, limit),
  );

  app.get('/assets/:name', (c) => {
    const asset = ASSET_FILES[c.req.param('name')];
    if (!asset) return c.notFound();
    return c.body(readFileSync(asset.path), 200, { 'content-type': asset.type, 'cache-control': 'max-age=3600' });
  });
  // Browsers ask for it on every page; the explorer has none.
  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.notFound((c) => c.html(messagePage('Not found', `nothing is at ${c.req.path}`), 404));
  return app;
}

const notFound = (error: QueryError) => /^no (document|entity|agency|import)\b/.test(error.message);

async function searchDocuments(reader: KnowledgeBaseReader, form: SearchForm, mark: [string, string] = MARK) {
  const entityIds: string[] = [];
  if (form.entity) entityIds.push((await resolveEntity(reader, form.entity)).id);
  if (form.agency) entityIds.push((await resolveEntity(reader, form.agency, true)).id);
  return reader.browseDocuments({
    query: form.q || undefined,
    language: form.lang || undefined,
    from: form.from || undefined,
    to: form.to || undefined,
    entityIds,
    sort: form.sort || undefined,
    limit: form.limit,
    offset: form.offset,
    mark,
  });
}
