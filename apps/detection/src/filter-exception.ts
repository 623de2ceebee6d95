import { type FieldMapping, type SigmaRule, compileRule, parseSigmaYaml } from '@soc/sigma';
import { type DetectionException, type ExceptionMatcher, compileFieldException } from './exceptions';

/**
 * A Sigma filter document used as an exception: its selection is compiled like a rule (on the
 * native mapping and on OCSF) and tested on the alert's event. Unlike a filter applied inside
 * the rule, the alert is still raised, marked suppressed, so the tuning stays visible.
 * A filter that does not parse or compile matches nothing (and the store refused it at creation).
 */
function compileFilterException(exception: DetectionException & { filterYaml: string }, nativeMapping: FieldMapping, ocsfMapping: FieldMapping): ExceptionMatcher {
  const [filter] = parseSigmaYaml(exception.filterYaml, `exception ${exception.id}`).filters;
  if (!filter) return { exception, matches: () => false };
  const asRule: SigmaRule = { ...filter, kind: 'rule', falsepositives: [], fields: [], related: [], scope: [] };
  const compile = (mapping: FieldMapping) => {
    try {
      const c = compileRule(asRule, { mapping });
      return c.applicable ? c : undefined;
    } catch {
      return undefined;
    }
  };
  const onNative = compile(nativeMapping);
  const onOcsf = compile(ocsfMapping);
  return {
    exception,
    matches: ({ native, ocsf }) => (native !== undefined && onNative !== undefined && onNative.matches(native)) || (onOcsf !== undefined && onOcsf.matches(ocsf)),
  };
}

/** Compiles any exception the rule store holds. */
export function compileException(exception: DetectionException, nativeMapping: FieldMapping, ocsfMapping: FieldMapping): ExceptionMatcher {
  return 'filterYaml' in exception ? compileFilterException(exception, nativeMapping, ocsfMapping) : compileFieldException(exception);
}
