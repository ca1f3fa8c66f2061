import type { KnownDocumentType } from '../types.js';
import type { JsonSchema } from '../../documents/parsers/json/json-schema.js';

/**
 * docs/document-format.md is written by hand, except for the blocks between `<!-- schema:TYPE -->` and
 * `<!-- example:TYPE -->` markers and their `<!-- end -->`, which are filled from the code's schemas and the
 * fixture files so that the published schema and examples are exactly what the parser accepts.
 */
export function fillFormatDoc(
  markdown: string,
  schemas: Readonly<Record<KnownDocumentType, JsonSchema>>,
  examples: Readonly<Record<KnownDocumentType, string>>,
): string {
  return markdown.replace(
    /<!-- (schema|example):([a-z_]+) -->\n[\s\S]*?<!-- end -->/g,
    (whole, kind: string, type: string) => {
      const key = type as KnownDocumentType;
      const body = kind === 'schema' ? schemas[key] && JSON.stringify(schemas[key], null, 2) : examples[key]?.trimEnd();
      if (!body) return whole;
      return `<!-- ${kind}:${type} -->\n\`\`\`json\n${body}\n\`\`\`\n<!-- end -->`;
    },
  );
}
