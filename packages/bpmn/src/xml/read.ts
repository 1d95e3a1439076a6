import { SaxesParser } from 'saxes';
import { BpmnError, BpmnErrorCode } from '../errors.ts';

/**
 * A namespace-resolved XML element. Names are (namespace URI, local name) pairs, so a file
 * that writes `bpmn:task`, `bpmn2:task`, `semantic:task` or a default-namespace `task` reads the same.
 */
export interface XmlElement {
  uri: string;
  local: string;
  /** Attributes by `{uri}local`, or by the bare local name for unprefixed attributes. */
  attrs: Map<string, string>;
  children: XmlElement[];
  text: string;
  line: number;
  column: number;
}

/** Parses XML text into a tree of namespace-resolved elements; malformed XML throws with line and column. */
export function readXml(text: string): XmlElement {
  // Text that does not even start like XML (JSON, YAML, a PDF…) is named at its first character.
  const first = text.search(/[^\s\uFEFF]/);
  if (first >= 0 && text[first] !== '<') {
    const before = text.slice(0, first).split('\n');
    throw new BpmnError(
      BpmnErrorCode.XML_MALFORMED,
      `not XML: the file starts with '${text[first]}', not '<'`,
      {
        line: before.length,
        column: before[before.length - 1]!.length + 1,
      },
    );
  }
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  parser.on('error', (error) => {
    // saxes prefixes its message with "line:column: "; the position is reported separately.
    const message = error.message.replace(/^(?:[^:\n]*:)?\d+:\d+:\s*/, '');
    throw new BpmnError(BpmnErrorCode.XML_MALFORMED, `not well-formed XML: ${message}`, {
      line: parser.line,
      column: parser.column + 1,
    });
  });
  parser.on('opentag', (tag) => {
    const attrs = new Map<string, string>();
    for (const attr of Object.values(tag.attributes)) {
      if (attr.prefix === 'xmlns' || attr.name === 'xmlns') continue;
      attrs.set(attr.uri ? `{${attr.uri}}${attr.local}` : attr.local, attr.value);
    }
    const parent = stack[stack.length - 1];
    const element: XmlElement = {
      uri: tag.uri ?? '',
      local: tag.local ?? tag.name,
      attrs,
      children: [],
      text: '',
      line: parser.line,
      column: parser.column + 1,
    };
    if (parent) parent.children.push(element);
    else root = element;
    stack.push(element);
  });
  const onText = (chunk: string) => {
    const top = stack[stack.length - 1];
    if (top) top.text += chunk;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(text).close();
  if (!root)
    throw new BpmnError(BpmnErrorCode.XML_MALFORMED, 'the file has no root element', { line: 1, column: 1 });
  return root;
}

/** Children in namespace `uri`, optionally with local name `local`. */
export function childrenOf(element: XmlElement, uri: string, local?: string): XmlElement[] {
  return element.children.filter((c) => c.uri === uri && (local === undefined || c.local === local));
}

export function childOf(element: XmlElement, uri: string, local: string): XmlElement | undefined {
  return element.children.find((c) => c.uri === uri && c.local === local);
}

/** An unprefixed attribute (BPMN's own attributes carry no prefix). */
export function attr(element: XmlElement, name: string): string | undefined {
  return element.attrs.get(name);
}

export function attrNs(element: XmlElement, uri: string, name: string): string | undefined {
  return element.attrs.get(`{${uri}}${name}`);
}

/** The local part of a QName reference such as `bpmn:Task_1` (BPMN refers to ids by QName). */
export function refLocal(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  const colon = trimmed.indexOf(':');
  return colon >= 0 ? trimmed.slice(colon + 1) : trimmed;
}
