/** RFC 5424 STRUCTURED-DATA: SD-ID -> param name -> value (escapes \" \\ \] resolved). */
export type StructuredData = Record<string, Record<string, string>>;

/** Parsed structured data and where the text after it starts; or why it is malformed. */
export type SdParse = { ok: true; data: StructuredData | undefined; end: number } | { ok: false; reason: string };

const NAME_RE = /[^\s=\]"]+/y;

/** Parses the STRUCTURED-DATA field of an RFC 5424 message starting at `pos` (`-` or `[...]...`). */
export function parseStructuredData(text: string, pos: number): SdParse {
  if (text[pos] === '-') return { ok: true, data: undefined, end: pos + 1 };
  if (text[pos] !== '[') return { ok: false, reason: 'structured data must be "-" or start with "["' };
  const data: StructuredData = {};
  let i = pos;
  while (text[i] === '[') {
    NAME_RE.lastIndex = i + 1;
    const id = NAME_RE.exec(text);
    if (!id) return { ok: false, reason: `missing SD-ID at column ${i + 1}` };
    const params: Record<string, string> = {};
    i = NAME_RE.lastIndex;
    while (text[i] === ' ') {
      const p = parseParam(text, i + 1);
      if (!p) return { ok: false, reason: `malformed SD-PARAM in [${id[0]}]` };
      params[p.name] = p.value;
      i = p.end;
    }
    if (text[i] !== ']') return { ok: false, reason: `unterminated SD-ELEMENT [${id[0]}]` };
    data[id[0]] = params;
    i++;
  }
  return { ok: true, data, end: i };
}

function parseParam(text: string, pos: number): { name: string; value: string; end: number } | undefined {
  NAME_RE.lastIndex = pos;
  const name = NAME_RE.exec(text);
  if (!name) return undefined;
  let i = NAME_RE.lastIndex;
  if (text[i] !== '=' || text[i + 1] !== '"') return undefined;
  i += 2;
  let value = '';
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '"') return { name: name[0], value, end: i + 1 };
    if (c === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\' || text[i + 1] === ']')) {
      value += text[i + 1];
      i++;
    } else {
      value += c;
    }
  }
  return undefined;
}
