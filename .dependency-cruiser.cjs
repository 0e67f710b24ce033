/**
 * The rooms import one way: pipeline/ → output/ → extractors/ → corpus/ (npm run lint, part of npm test).
 * The sources are checked with every import, type-only ones included. output/ may name the extractors' types (what
 * it stores) but never run their code: that is checked on the compiled JavaScript in dist/, where imports of types
 * alone are gone (declaration files, which name types only, are left out).
 */
const room = (names) => `^(dist/)?(${names})/`;

module.exports = {
  forbidden: [
    {
      name: 'corpus-is-the-bottom',
      comment: 'corpus/ holds the document model and ingestion: it imports no other room.',
      severity: 'error',
      from: { path: room('corpus') },
      to: { path: room('extractors|output|pipeline') },
    },
    {
      name: 'extractors-below-output',
      comment: 'extractors/ may use corpus/ only.',
      severity: 'error',
      from: { path: room('extractors') },
      to: { path: room('output|pipeline') },
    },
    {
      name: 'output-below-pipeline',
      comment: 'output/ (the knowledge base) never reaches up into the runner or the CLI.',
      severity: 'error',
      from: { path: room('output') },
      to: { path: room('pipeline') },
    },
    {
      name: 'output-runs-no-extractor-code',
      comment: 'output/ stores what the extractors found: in the compiled code it imports nothing of theirs.',
      severity: 'error',
      from: { path: '^dist/output/' },
      to: { path: '^dist/extractors/' },
    },
    {
      name: 'backends-apart',
      comment: 'A backend folder (output/sqlite/, ...) is reached from the other rooms only through output/open.ts.',
      severity: 'error',
      from: { path: room('pipeline|extractors|corpus') },
      to: { path: '^(dist/)?output/[^/]+/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    parser: 'swc',
    tsPreCompilationDeps: true,
    includeOnly: room('pipeline|output|extractors|corpus'),
    exclude: { path: '\\.map$|^dist/.*\\.d\\.ts$' },
  },
};
