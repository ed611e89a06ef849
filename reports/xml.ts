/**
 * Just enough XML to write a report: elements with attributes, text or children,
 * escaped so that any user text (scenario names, hub details) stays well-formed.
 */

export interface XmlElement {
  name: string;
  attributes?: Record<string, string | number | undefined>;
  children?: XmlElement[];
  /** Text content, for an element without children. */
  text?: string;
}

/**
 * Characters XML 1.0 forbids anywhere, even escaped: most control characters, lone
 * surrogates and U+FFFE/U+FFFF. They are replaced, since a report must still be
 * read.
 */
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeText(text: string): string {
  return text
    .replace(FORBIDDEN, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

/**
 * Line breaks and tabs are written as references, else parsers turn them into
 * spaces.
 */
export function escapeAttribute(text: string): string {
  return escapeText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}

/** An XML document, two spaces an indent level, with its declaration. */
export function xmlDocument(root: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${render(root, '')}\n`;
}

function render(element: XmlElement, indent: string): string {
  const open = `${indent}<${element.name}${attributes(element.attributes ?? {})}`;
  const children = element.children ?? [];
  if (children.length > 0) {
    const inner = children.map((child) => render(child, `${indent}  `)).join('\n');
    return `${open}>\n${inner}\n${indent}</${element.name}>`;
  }
  if (element.text === undefined || element.text === '') return `${open}/>`;
  return `${open}>${escapeText(element.text)}</${element.name}>`;
}

function attributes(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeAttribute(String(value))}"`)
    .join('');
}
