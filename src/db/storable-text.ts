/**
 * Text from outside (a document's values quoted in a finding, an endpoint's response body) made storable in both
 * engines: PostgreSQL's text type cannot hold U+0000, which becomes U+FFFD.
 */
export const storableText = (text: string): string => (text.includes('\u0000') ? text.replaceAll('\u0000', '\uFFFD') : text);
