import { SocError } from '@soc/errors';
import type { CaseStatus } from './case-repository';

/** A status change the case ladder does not allow; details name both ends and the allowed targets. */
export const SOC_ERR_CASE_TRANSITION = 'SOC_ERR_CASE_TRANSITION';

/**
 * The status ladder. An open case moves forward (new -> triaged -> investigating -> contained
 * -> resolved), may skip steps, may step back while open (an investigation can lose
 * containment), and may be closed as a false positive from any open state. A closed case is
 * only ever reopened: a resolved one to investigating, a false positive to triaged. Nothing
 * returns to `new`, which means "no human has looked yet".
 */
const NEXT: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  new: ['triaged', 'investigating', 'contained', 'resolved', 'false_positive'],
  triaged: ['investigating', 'contained', 'resolved', 'false_positive'],
  investigating: ['triaged', 'contained', 'resolved', 'false_positive'],
  contained: ['investigating', 'resolved', 'false_positive'],
  resolved: ['investigating'],
  false_positive: ['triaged'],
};

/** Statuses a case in `from` may move to. */
export function allowedTransitions(from: CaseStatus): readonly CaseStatus[] {
  return NEXT[from];
}

/** Throws SOC_ERR_CASE_TRANSITION (409) unless the ladder allows `from` -> `to`; staying put is the caller's no-op. */
export function assertTransition(from: CaseStatus, to: CaseStatus): void {
  if (from === to || NEXT[from].includes(to)) return;
  throw new SocError(SOC_ERR_CASE_TRANSITION, `a ${from} case cannot become ${to}; allowed: ${NEXT[from].join(', ')}`, {
    httpStatus: 409,
    details: { from, to, allowed: [...NEXT[from]] },
  });
}
