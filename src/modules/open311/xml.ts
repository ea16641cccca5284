/**
 * A tiny XML serializer for the Open311 documents: nested plain objects, arrays and scalars.
 * Open311 XML has no attributes and no mixed content, so elements and escaped text are enough;
 * a library would be more than the job needs.
 */

export type XmlValue = string | number | boolean | null | undefined | XmlValue[] | { [key: string]: XmlValue };

/**
 * Characters XML 1.0 forbids even when escaped (C0 controls other than tab, LF, CR; lone
 * surrogates; U+FFFE/U+FFFF). Complaint text is typed by the public, so they are dropped rather
 * than producing a document parsers reject.
 */
const illegal = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  return text.replace(illegal, '').replace(/[&<>"']/g, (c) => entities[c]);
}

const namePattern = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function element(name: string, value: XmlValue, itemNames: Readonly<Record<string, string>>): string {
  // Names come from our own field lists; a bad one is a programming error, not input.
  if (!namePattern.test(name)) throw new Error(`invalid XML element name: ${name}`);
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = itemNames[name];
    if (!item) throw new Error(`no item element name for the list <${name}>`);
    return value.length ? `<${name}>${value.map((v) => element(item, v, itemNames)).join('')}</${name}>` : `<${name}/>`;
  }
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value)
      .map(([k, v]) => element(k, v, itemNames))
      .join('')}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/**
 * Serializes `value` under the root element `root`. Lists need the name of their items, which
 * Open311 fixes per list (`services` → `service`, `service_requests` → `request`, …).
 */
export function toXml(root: string, value: XmlValue, itemNames: Readonly<Record<string, string>>): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value, itemNames)}\n`;
}
