/**
 * A deliberately small JSON Schema (2020-12 subset) validator: enough for CargoLint's published document schemas
 * and nothing more, so there is no dependency to audit. Supported keywords: type, properties, required,
 * additionalProperties (boolean), items, enum, const, pattern, minLength, maxLength, minItems, minimum, $ref to
 * `#/$defs/…`. Unknown properties are reported separately (as warnings) because extra data is not broken data.
 */
export type JsonType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

export interface JsonSchema {
  $schema?: string;
  $id?: string;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  title?: string;
  description?: string;
  type?: JsonType | JsonType[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  minimum?: number;
  examples?: unknown[];
}

export interface SchemaViolation {
  path: string;
  message: string;
  kind: 'invalid' | 'unknown_property';
}

export function escapePointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

function typeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}

function matchesType(value: unknown, expected: JsonType): boolean {
  const actual = typeOf(value);
  return actual === expected || (expected === 'number' && actual === 'integer');
}

const patternCache = new Map<string, RegExp>();
function compiled(pattern: string): RegExp {
  let regex = patternCache.get(pattern);
  if (!regex) {
    regex = new RegExp(pattern, 'u');
    patternCache.set(pattern, regex);
  }
  return regex;
}

export function validateAgainstSchema(value: unknown, schema: JsonSchema, root: JsonSchema = schema): SchemaViolation[] {
  const violations: SchemaViolation[] = [];
  visit(value, schema, root, '', violations);
  return violations;
}

function resolveRef(schema: JsonSchema, root: JsonSchema): JsonSchema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace(/^#\/\$defs\//, '');
  const target = root.$defs?.[name];
  if (!target) throw new Error(`unresolvable $ref ${schema.$ref}`);
  return target;
}

function visit(value: unknown, rawSchema: JsonSchema, root: JsonSchema, path: string, out: SchemaViolation[]): void {
  const schema = resolveRef(rawSchema, root);
  const at = path === '' ? '(document)' : path;
  if (schema.type) {
    const allowed = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!allowed.some((type) => matchesType(value, type))) {
      out.push({ path, kind: 'invalid', message: `${at} must be ${allowed.join(' or ')}, not ${typeOf(value)}` });
      return;
    }
  }
  if (schema.const !== undefined && value !== schema.const) {
    out.push({ path, kind: 'invalid', message: `${at} must be ${JSON.stringify(schema.const)}` });
  }
  if (schema.enum && !schema.enum.includes(value)) {
    out.push({ path, kind: 'invalid', message: `${at} must be one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}` });
  }
  if (typeof value === 'string') checkString(value, schema, path, at, out);
  if (typeof value === 'number' && schema.minimum !== undefined && value < schema.minimum) {
    out.push({ path, kind: 'invalid', message: `${at} must be at least ${schema.minimum}` });
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) {
      out.push({ path, kind: 'invalid', message: `${at} must have at least ${schema.minItems} item(s)` });
    }
    if (schema.items) value.forEach((item, index) => visit(item, schema.items!, root, `${path}/${index}`, out));
  }
  if (typeOf(value) === 'object') checkObject(value as Record<string, unknown>, schema, root, path, at, out);
}

function checkString(value: string, schema: JsonSchema, path: string, at: string, out: SchemaViolation[]): void {
  if (schema.minLength !== undefined && value.length < schema.minLength) {
    out.push({ path, kind: 'invalid', message: schema.minLength === 1 ? `${at} must not be empty` : `${at} must be at least ${schema.minLength} characters` });
  }
  if (schema.maxLength !== undefined && value.length > schema.maxLength) {
    out.push({ path, kind: 'invalid', message: `${at} must be at most ${schema.maxLength} characters` });
  }
  if (schema.pattern && !compiled(schema.pattern).test(value)) {
    const expected = schema.description ? ` (${schema.description})` : ` (pattern ${schema.pattern})`;
    out.push({ path, kind: 'invalid', message: `${at} has an invalid format${expected}` });
  }
}

function checkObject(
  value: Record<string, unknown>,
  schema: JsonSchema,
  root: JsonSchema,
  path: string,
  at: string,
  out: SchemaViolation[],
): void {
  for (const name of schema.required ?? []) {
    if (value[name] === undefined) {
      out.push({ path: `${path}/${escapePointerToken(name)}`, kind: 'invalid', message: `${at} is missing required property "${name}"` });
    }
  }
  for (const [name, child] of Object.entries(value)) {
    const childPath = `${path}/${escapePointerToken(name)}`;
    const childSchema = schema.properties?.[name];
    if (childSchema) visit(child, childSchema, root, childPath, out);
    else if (schema.additionalProperties === false) {
      out.push({ path: childPath, kind: 'unknown_property', message: `${at} has unknown property "${name}"` });
    }
  }
}
