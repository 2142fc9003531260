import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import localizeZhModule from 'ajv-i18n/localize/zh/index.js';
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';

/**
 * Two validators: request bodies are checked strictly (no type coercion, unknown fields refused,
 * nothing silently removed), while query strings and path parameters, which arrive as text, may
 * be coerced to the declared number or boolean.
 */
function makeAjv(coerce: boolean) {
  const ajv = new Ajv.default({
    allErrors: true,
    removeAdditional: false,
    useDefaults: true,
    coerceTypes: coerce ? 'array' : false,
    strict: false,
  });
  addFormats.default(ajv);
  return ajv;
}

// ajv-i18n is CommonJS whose module.exports is the function; TypeScript sees only its `default`.
const localizeZh = localizeZhModule as unknown as (errors: ErrorObject[]) => void;

const strict = makeAjv(false);
const lenient = makeAjv(true);

export const validatorCompiler: FastifySchemaCompiler<FastifySchema> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? strict : lenient;
  return ajv.compile(schema as object) as ReturnType<FastifySchemaCompiler<FastifySchema>>;
};

export interface FieldError {
  field: string;
  message: string;
}

/** Turns Ajv's errors into one Chinese message per offending field. */
export function fieldErrors(errors: ErrorObject[], part: string): FieldError[] {
  const copy = errors.map((e) => ({ ...e }));
  localizeZh(copy);
  return copy.map((e) => {
    let field = e.instancePath.replace(/^\//, '').replaceAll('/', '.');
    if (e.keyword === 'additionalProperties') field = join(field, String(e.params.additionalProperty));
    if (e.keyword === 'required') field = join(field, String(e.params.missingProperty));
    const message = e.keyword === 'additionalProperties' ? '不允许的字段' : (e.message ?? '不合法');
    return { field: field || part, message };
  });
}

function join(a: string, b: string): string {
  return a ? `${a}.${b}` : b;
}
