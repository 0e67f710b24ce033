import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { PROJECT_ROOT } from '../corpus/paths.js';

/** The JSON Schema of one export record. */
export const EXPORT_SCHEMA_PATH = join(PROJECT_ROOT, 'output', 'schema', 'export-v1.schema.json');

/** Validates export records against output/schema/export-v1.schema.json (compiled once). */
export const validateExportRecord = (() => {
  const schema = JSON.parse(readFileSync(EXPORT_SCHEMA_PATH, 'utf8')) as object;
  const validate = new Ajv({ allErrors: true }).compile(schema);
  return (record: unknown): { valid: true } | { valid: false; errors: ErrorObject[] } =>
    validate(record) ? { valid: true } : { valid: false, errors: validate.errors ?? [] };
})();
