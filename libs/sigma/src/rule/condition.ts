/**
 * The condition grammar (rules spec "Condition"): `or` < `and` < `not` < `x of pattern` <
 * parentheses, `1 of` / `any of` / `all of` a pattern with `*` wildcards or `them`. Keywords
 * are lowercase, as the spec and its reference implementation write them. Identifiers are
 * resolved against the rule's search identifiers here, so a compiled rule never meets an
 * unknown name.
 */
import type { ConditionNode } from './model';
import { RuleProblem } from './problem';

const KEYWORDS = new Set(['and', 'or', 'not', 'of', 'them']);
const QUANTIFIERS = new Set(['1', 'any', 'all']);

function tokenize(text: string, path: string): string[] {
  if (text.includes('|')) {
    throw new RuleProblem('aggregation-in-condition', 'aggregations (`| count() ...`) are not part of Sigma v2 conditions: use a correlation rule', path, true);
  }
  return text.replace(/[()]/g, ' $& ').split(/\s+/).filter((t) => t !== '');
}

class Parser {
  private pos = 0;

  constructor(
    private readonly tokens: string[],
    private readonly ids: readonly string[],
    private readonly path: string,
  ) {}

  parse(): ConditionNode {
    if (this.tokens.length === 0) throw this.problem('empty-condition', 'the condition is empty');
    const node = this.or();
    const rest = this.tokens[this.pos];
    if (rest !== undefined && KEYWORDS.has(rest.toLowerCase()) && !this.ids.includes(rest)) {
      throw this.problem('keyword-case', `'${rest}': condition keywords are lowercase`);
    }
    if (rest !== undefined) throw this.problem('condition-syntax', `unexpected '${rest}'`);
    return node;
  }

  private problem(reason: string, message: string): RuleProblem {
    return new RuleProblem(reason, message, this.path, true);
  }

  private peek(offset = 0): string | undefined {
    return this.tokens[this.pos + offset];
  }

  private or(): ConditionNode {
    const args = [this.and()];
    while (this.peek() === 'or') {
      this.pos++;
      args.push(this.and());
    }
    return args.length === 1 ? (args[0] as ConditionNode) : { type: 'or', args };
  }

  private and(): ConditionNode {
    const args = [this.not()];
    while (this.peek() === 'and') {
      this.pos++;
      args.push(this.not());
    }
    return args.length === 1 ? (args[0] as ConditionNode) : { type: 'and', args };
  }

  private not(): ConditionNode {
    if (this.peek() === 'not') {
      this.pos++;
      return { type: 'not', arg: this.not() };
    }
    return this.primary();
  }

  private primary(): ConditionNode {
    const tok = this.peek();
    if (tok === undefined) throw this.problem('condition-syntax', 'the condition ends too early');
    if (tok === '(') {
      this.pos++;
      const inner = this.or();
      if (this.peek() !== ')') throw this.problem('condition-syntax', 'missing )');
      this.pos++;
      return inner;
    }
    if (QUANTIFIERS.has(tok) && this.peek(1) === 'of') {
      const target = this.peek(2);
      if (target === undefined || target === '(' || target === ')') throw this.problem('condition-syntax', `'${tok} of' needs a pattern or 'them'`);
      this.pos += 3;
      return this.selector(tok === 'all' ? 'and' : 'or', target);
    }
    if (tok === ')' || KEYWORDS.has(tok)) throw this.problem('condition-syntax', `unexpected '${tok}'`);
    this.pos++;
    return this.identifier(tok);
  }

  private identifier(name: string): ConditionNode {
    if (this.ids.includes(name)) return { type: 'id', name };
    const lowered = name.toLowerCase();
    if (KEYWORDS.has(lowered) || QUANTIFIERS.has(lowered)) {
      throw this.problem('keyword-case', `'${name}': condition keywords are lowercase`);
    }
    throw this.problem('unknown-identifier', `the condition names '${name}', which is not a search identifier of the rule`);
  }

  private selector(type: 'and' | 'or', target: string): ConditionNode {
    let names: string[];
    if (target === 'them') {
      names = this.ids.filter((n) => !n.startsWith('_'));
    } else {
      const re = new RegExp(`^${target.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
      // Identifiers starting with `_` are excluded by convention unless the pattern names them.
      names = this.ids.filter((n) => re.test(n) && (!n.startsWith('_') || target.startsWith('_')));
    }
    if (names.length === 0) {
      throw this.problem('pattern-matches-nothing', `'${target}' matches no search identifier of the rule`);
    }
    const args: ConditionNode[] = names.map((name) => ({ type: 'id', name }));
    return args.length === 1 ? (args[0] as ConditionNode) : { type, args };
  }
}

/** Parses one condition and resolves its identifiers against `ids`. */
export function parseCondition(text: string, ids: readonly string[], path: string): ConditionNode {
  return new Parser(tokenize(text, path), ids, path).parse();
}

/** Parses a condition or a list of conditions (OR-ed, spec), returning the combined tree. */
export function parseConditions(texts: readonly string[], ids: readonly string[], path: string): ConditionNode {
  const nodes = texts.map((t, i) => parseCondition(t, ids, texts.length > 1 ? `${path}[${i}]` : path));
  return nodes.length === 1 ? (nodes[0] as ConditionNode) : { type: 'or', args: nodes };
}
