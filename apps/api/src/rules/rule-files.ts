import { createHash } from 'node:crypto';
import { parseAllDocuments } from 'yaml';
import { type RuleDocument, type RuleKind, RULE_ID_PATTERN } from '@soc/db';
import { isSocError } from '@soc/errors';
import { type SigmaCommonMeta, type SigmaDocuments, parseCorrelation, parseSigmaYaml } from '@soc/sigma';

/** One file to import: its path in the upload and its text. */
export interface RuleFile {
  readonly path: string;
  readonly content: string;
}

/** Why a document of a file was not stored: the Sigma error's code, rule, YAML path and reason key. */
export interface RuleFileError {
  readonly code: string;
  readonly rule: string;
  readonly path: string;
  readonly reason: string;
  readonly message: string;
}

/** A file turned into storable documents plus the errors of the documents that were not. */
export interface ParsedRuleFile {
  readonly path: string;
  readonly documents: RuleDocument[];
  readonly errors: RuleFileError[];
}

/** True for the files an archive import reads: YAML, not hidden, not macOS resource forks. */
export function isRuleFilePath(path: string): boolean {
  if (!/\.ya?ml$/i.test(path)) return false;
  return !path.split('/').some((part) => part.startsWith('.') || part === '__MACOSX');
}

function errorOf(err: unknown, file: string): RuleFileError {
  if (isSocError(err)) {
    const d = err.details ?? {};
    const str = (k: string, dflt: string) => (typeof d[k] === 'string' ? (d[k] as string) : dflt);
    return { code: err.code, rule: str('rule', file), path: str('path', ''), reason: str('reason', 'invalid'), message: err.message };
  }
  throw err;
}

/** A stable id for a document without a Sigma `id`: from its `name` when it has one, else its place. UUID-shaped. */
export function derivedRuleId(meta: Pick<SigmaCommonMeta, 'name' | 'index'>, file: string): string {
  const seed = meta.name ? `sigma-name\u0000${meta.name}` : `sigma-place\u0000${file}\u0000${meta.index}`;
  const h = createHash('sha256').update(seed, 'utf8').digest('hex');
  // Version nibble 8 (RFC 9562 custom UUID): never collides with a real v4 Sigma id.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The text of each document of a file, by the same 0-based index `parseSigmaYaml` reports. */
function documentTexts(content: string): (string | undefined)[] {
  const docs = parseAllDocuments(content);
  if (!Array.isArray(docs)) return [];
  // One document: keep the file byte for byte (comments and license headers included).
  if (docs.length === 1) return [content];
  return docs.map((d) => (d.range ? content.slice(d.range[0], d.range[2]) : undefined));
}

function toDocument(meta: SigmaCommonMeta, kind: RuleKind, logsource: Record<string, string> | undefined, file: string, text: string): RuleDocument {
  return {
    path: file,
    ruleId: meta.id && RULE_ID_PATTERN.test(meta.id) ? meta.id : derivedRuleId(meta, file),
    name: meta.name ?? null,
    kind,
    title: meta.title,
    level: meta.level ?? null,
    status: meta.status ?? null,
    logsource: logsource ?? {},
    tags: [...meta.tags],
    author: meta.author ?? null,
    yaml: text,
  };
}

function logsourceOf(l: { category?: string; product?: string; service?: string; definition?: string }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ['category', 'product', 'service', 'definition'] as const) if (l[k] !== undefined) out[k] = l[k];
  return out;
}

/**
 * Parse one file with the Sigma parser; every valid rule, filter and correlation becomes a
 * document carrying its own YAML text, every problem an error naming the rule and reason.
 * Correlations are also checked against the correlation grammar (references are resolved
 * later, against the whole enabled set).
 */
export function parseRuleFile(file: RuleFile): ParsedRuleFile {
  let parsed: SigmaDocuments;
  try {
    parsed = parseSigmaYaml(file.content, file.path);
  } catch (err) {
    return { path: file.path, documents: [], errors: [errorOf(err, file.path)] };
  }
  const errors = parsed.errors.map((e) => errorOf(e, file.path));
  const texts = documentTexts(file.content);
  const placed: { index: number; doc: RuleDocument }[] = [];
  const add = (meta: SigmaCommonMeta, kind: RuleKind, logsource?: Record<string, string>) => {
    const text = texts[meta.index];
    if (text === undefined || text.trim().length === 0) {
      errors.push({ code: 'SOC_ERR_SIGMA_RULE_INVALID', rule: meta.id ?? meta.title, path: '', reason: 'no-text', message: 'the document text could not be located' });
    } else placed.push({ index: meta.index, doc: toDocument(meta, kind, logsource, file.path, text) });
  };
  for (const r of parsed.rules) add(r, 'detection', logsourceOf(r.logsource));
  for (const f of parsed.filters) add(f, 'filter', logsourceOf(f.logsource));
  for (const c of parsed.correlations) {
    try {
      parseCorrelation(c.raw as Record<string, unknown>, { file: file.path, index: c.index });
      add(c, 'correlation');
    } catch (err) {
      errors.push(errorOf(err, file.path));
    }
  }
  const documents = placed.sort((a, b) => a.index - b.index).map((p) => p.doc);
  return { path: file.path, documents, errors };
}
