/**
 * What the SQL shared by the backends needs of a connection: SQLite-style placeholders (`?`, `?1`), which a backend
 * with other ones rewrites, and rows as plain objects.
 */
export interface SqlConnection {
  readonly dialect: SqlDialect;
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
  get<T>(sql: string, params?: unknown[]): Promise<T | undefined>;
  run(sql: string, params?: unknown[]): Promise<{ changes: number }>;
}

/** Where the backends' SQL differs, as fragments the shared queries put in. */
export interface SqlDialect {
  /** The elements of a JSON array (a bound parameter or a column) as a table with one text column, `value`. */
  jsonValues(json: string, alias?: string): string;
  /** Whether two text expressions are equal ignoring case. */
  equalsIgnoringCase(a: string, b: string): string;
  /** A LIKE operator that ignores case. */
  like: 'LIKE' | 'ILIKE';
  /** A LIMIT that keeps every row. */
  noLimit: number | null;
  /** A column the planner is not to look up through its index (SQLite's unary plus), where another index is better. */
  unindexed(column: string): string;
}
