import { definedTemplates, hasValuesPath, structureProblems, usedTemplates, valuesPaths } from './go-template';

describe('Go template checker', () => {
  it('accepts balanced blocks, comments with trim markers and strings holding braces', () => {
    const src = [
      '{{- /* a comment with {{ braces }} */ -}}',
      '{{- if .Values.a }}',
      '{{- range $k, $v := .Values.list }}{{ $k }}: {{ printf "%s}}" $v }}{{ end }}',
      '{{- else if (and .Values.b (not .Values.c)) }}x',
      '{{- end }}',
    ].join('\n');
    expect(structureProblems(src)).toEqual([]);
  });

  it('reports unclosed actions, missing ends, stray ends and else outside a block', () => {
    expect(structureProblems('a {{ .Values.x ')).toEqual(["line 1: '{{' is never closed"]);
    expect(structureProblems('{{ if .Values.x }}\n{{ with .Values.y }}{{ end }}')).toEqual(['line 1: if is never ended']);
    expect(structureProblems('{{ end }}')).toEqual(['line 1: end without an open block']);
    expect(structureProblems('{{ else }}')).toEqual(['line 1: else outside if/with/range']);
    expect(structureProblems('{{ define "x" }}{{ else }}{{ end }}')).toEqual(['line 1: else outside if/with/range']);
  });

  it('reports unbalanced parentheses and stray closing braces', () => {
    expect(structureProblems('{{ if (and .Values.a }}{{ end }}')).toEqual(['line 1: unbalanced parentheses in {{ if (and .Values.a }}']);
    expect(structureProblems('key: value }}')).toEqual(["a '}}' outside any action"]);
  });

  it('lists .Values paths from plain and root ($) references, not from strings or comments', () => {
    const src = '{{ .Values.image.tag }} {{ $.Values.http.port | quote }} {{ "x.Values.no" }} {{/* .Values.nope */}} {{ index $.Values.probes $kind }}';
    expect(valuesPaths(src)).toEqual([['image', 'tag'], ['http', 'port'], ['probes']]);
  });

  it('finds defined and included template names', () => {
    const src = '{{- define "soc.a" -}}x{{- end -}}{{ include "soc.b" . | nindent 4 }}{{ template "soc.c" . }}';
    expect(definedTemplates(src)).toEqual(['soc.a']);
    expect(usedTemplates(src)).toEqual(['soc.b', 'soc.c']);
  });

  it('resolves key paths in values, counting present-but-empty keys', () => {
    const values = { a: { b: {}, c: null, d: 'x' } };
    expect(hasValuesPath(values, ['a', 'b'])).toBe(true);
    expect(hasValuesPath(values, ['a', 'c'])).toBe(true);
    expect(hasValuesPath(values, ['a', 'b', 'z'])).toBe(false);
    expect(hasValuesPath(values, ['a', 'd', 'z'])).toBe(false);
    expect(hasValuesPath(values, ['q'])).toBe(false);
  });
});
