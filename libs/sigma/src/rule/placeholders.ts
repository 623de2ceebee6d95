/**
 * The `expand` modifier: `%name%` placeholders replaced by the values the caller supplies
 * (rules spec "Placeholders"; `\%` is a plain percent sign). Each placeholder expands to its
 * values OR-ed; the replacement values are Sigma strings, so their wildcards apply. A tool that
 * cannot resolve a placeholder must reject the rule, so an unknown name is an error.
 */

/** Placeholder name -> values, given to `compileRule`. */
export type PlaceholderValues = Readonly<Record<string, readonly string[]>>;

type Part = { text: string } | { name: string };

/** Splits a value into literal text and placeholder names. */
export function splitPlaceholders(value: string): Part[] {
  const parts: Part[] = [];
  let text = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\' && value[i + 1] === '%') {
      text += '%';
      i++;
      continue;
    }
    const end = c === '%' ? value.indexOf('%', i + 1) : -1;
    if (end > i + 1) {
      if (text !== '') parts.push({ text });
      text = '';
      parts.push({ name: value.slice(i + 1, end) });
      i = end;
    } else {
      text += c;
    }
  }
  if (text !== '') parts.push({ text });
  return parts;
}

/** Names of the placeholders a value uses. */
export function placeholderNames(value: string): string[] {
  return splitPlaceholders(value).flatMap((p) => ('name' in p ? [p.name] : []));
}

/**
 * Every expansion of the value. Throws `{ missing: name }` when a placeholder has no values
 * supplied (the caller turns it into a rule error naming it).
 */
export function expandPlaceholders(value: string, placeholders: PlaceholderValues): string[] {
  let out = [''];
  for (const part of splitPlaceholders(value)) {
    if ('text' in part) {
      out = out.map((v) => v + part.text);
      continue;
    }
    const values = Object.prototype.hasOwnProperty.call(placeholders, part.name) ? placeholders[part.name] : undefined;
    if (values === undefined) throw new MissingPlaceholder(part.name);
    out = out.flatMap((v) => values.map((r) => v + r));
  }
  return out;
}

/** A placeholder the caller did not supply. */
export class MissingPlaceholder extends Error {
  constructor(readonly placeholder: string) {
    super(`placeholder '%${placeholder}%' has no values`);
  }
}
