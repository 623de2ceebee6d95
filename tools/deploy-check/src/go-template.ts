/**
 * A small static checker for Helm's Go templates (there is no helm binary in CI): it finds
 * the `{{ ... }}` actions, checks that blocks and parentheses balance, and lists the
 * `.Values` paths and `include`d template names so tests can check them against the chart.
 */

/** One `{{ ... }}` action: its inner text without trim markers, and the 1-based line it starts on. */
export interface TemplateAction {
  text: string;
  line: number;
}

const OPENERS = new Set(['if', 'range', 'with', 'define', 'block']);

function lineAt(src: string, index: number): number {
  let n = 1;
  for (let i = 0; i < index; i++) if (src.charCodeAt(i) === 10) n++;
  return n;
}

/** Index just past the `}}` closing the action whose body starts at `from`; -1 if unclosed. */
function actionEnd(src: string, from: number): number {
  let i = from;
  while (i < src.length) {
    if (src.startsWith('/*', i)) {
      const close = src.indexOf('*/', i + 2);
      if (close < 0) return -1;
      i = close + 2;
    } else if (src[i] === '"' || src[i] === '`') {
      const quote = src[i];
      i++;
      while (i < src.length && src[i] !== quote) i += quote === '"' && src[i] === '\\' ? 2 : 1;
      i++;
    } else if (src.startsWith('}}', i)) {
      return i + 2;
    } else {
      i++;
    }
  }
  return -1;
}

/** Splits a template into its actions and the literal text between them; throws on an unclosed action. */
function scan(src: string): { actions: TemplateAction[]; literal: string } {
  const actions: TemplateAction[] = [];
  let literal = '';
  let i = 0;
  for (;;) {
    const open = src.indexOf('{{', i);
    if (open < 0) break;
    literal += src.slice(i, open);
    const end = actionEnd(src, open + 2);
    if (end < 0) throw new Error(`line ${lineAt(src, open)}: '{{' is never closed`);
    const text = src.slice(open + 2, end - 2).replace(/^-\s/, '').replace(/\s-$/, '').trim();
    actions.push({ text, line: lineAt(src, open) });
    i = end;
  }
  return { actions, literal: literal + src.slice(i) };
}

/** The actions of a template, in order; throws on an action that never closes. */
export function templateActions(src: string): TemplateAction[] {
  return scan(src).actions;
}

/** Text with string literals blanked, so keywords and parentheses inside strings are ignored. */
function withoutStrings(text: string): string {
  return text.replace(/"(?:[^"\\]|\\.)*"|`[^`]*`/g, '""');
}

/** Problems with block structure: unmatched if/range/with/define/end/else and parentheses. */
export function structureProblems(src: string): string[] {
  const problems: string[] = [];
  const stack: { keyword: string; line: number }[] = [];
  let scanned: ReturnType<typeof scan>;
  try {
    scanned = scan(src);
  } catch (err) {
    return [(err as Error).message];
  }
  const { actions, literal } = scanned;
  for (const { text, line } of actions) {
    if (text.startsWith('/*')) {
      if (!text.endsWith('*/')) problems.push(`line ${line}: comment must be the whole action`);
      continue;
    }
    const code = withoutStrings(text);
    let depth = 0;
    for (const ch of code) {
      depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
      if (depth < 0) break;
    }
    if (depth !== 0) problems.push(`line ${line}: unbalanced parentheses in {{ ${text} }}`);
    const keyword = /^[a-z]+/.exec(code)?.[0] ?? '';
    if (OPENERS.has(keyword)) stack.push({ keyword, line });
    else if (keyword === 'else' && !['if', 'with', 'range'].includes(stack.at(-1)?.keyword ?? '')) problems.push(`line ${line}: else outside if/with/range`);
    else if (keyword === 'end' && !stack.pop()) problems.push(`line ${line}: end without an open block`);
  }
  for (const open of stack) problems.push(`line ${open.line}: ${open.keyword} is never ended`);
  if (literal.includes('}}')) problems.push(`a '}}' outside any action`);
  return problems;
}

/** Every `.Values.a.b` (or `$.Values.a.b`) path the template reads, as key lists. */
export function valuesPaths(src: string): string[][] {
  const paths: string[][] = [];
  for (const { text } of templateActions(src)) {
    if (text.startsWith('/*')) continue;
    for (const m of withoutStrings(text).matchAll(/(?<![\w)\]])\$?\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g)) {
      paths.push((m[1] as string).slice(1).split('.'));
    }
  }
  return paths;
}

/** Names of templates this file defines with `define`. */
export function definedTemplates(src: string): string[] {
  return templateActions(src).flatMap(({ text }) => [...text.matchAll(/^define\s+"([^"]+)"/g)].map((m) => m[1] as string));
}

/** Names of templates this file uses with `include` or `template`. */
export function usedTemplates(src: string): string[] {
  return templateActions(src).flatMap(({ text }) => [...text.matchAll(/\b(?:include|template)\s+"([^"]+)"/g)].map((m) => m[1] as string));
}

/** Whether a key path exists in parsed values (a present key with an empty or null value counts). */
export function hasValuesPath(values: unknown, path: readonly string[]): boolean {
  let node: unknown = values;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || Array.isArray(node) || !(key in node)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return true;
}
