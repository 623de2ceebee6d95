import { Rng } from '../rng';
import type { User } from '../world/types';

/** A user's working day: when they log on and off (UTC ms), or nothing on days off. */
export interface DayPlan {
  /** Local calendar day number (days since epoch in the user's offset). */
  day: number;
  logonAt: number;
  logoffAt: number;
  lunchFrom: number;
  lunchTo: number;
  /** Mistyped the password first thing (benign failed logins). */
  typo: boolean;
}

const DAY = 86_400_000;

function planFor(seed: number, user: User, day: number): DayPlan | undefined {
  const rng = Rng.of(seed, 'plan', user.index, day);
  const weekday = (day + 4) % 7; // day 0 (1970-01-01) was a Thursday
  const weekend = weekday === 0 || weekday === 6;
  // Most people do not work weekends; a few admins and engineers check in briefly.
  if (weekend && !(user.engineer || user.admin) && rng.chance(0.97)) return undefined;
  if (!weekend && rng.chance(0.04)) return undefined; // PTO, sick day
  const midnight = day * DAY - user.home.offsetMin * 60_000;
  const start = midnight + (user.workStartMin + rng.int(-30, 30)) * 60_000 + rng.int(0, 59_999);
  const length = weekend ? rng.int(30, 120) : user.workEndMin - user.workStartMin + rng.int(-45, 60);
  const end = start + length * 60_000;
  const lunchFrom = midnight + rng.int(11 * 60 + 30, 13 * 60) * 60_000;
  return { day, logonAt: start, logoffAt: end, lunchFrom, lunchTo: lunchFrom + rng.int(25, 60) * 60_000, typo: rng.chance(0.06) };
}

/** Plans of the local days that may overlap [from, to). */
export function plansOverlapping(seed: number, user: User, from: number, to: number): DayPlan[] {
  const off = user.home.offsetMin * 60_000;
  const first = Math.floor((from + off) / DAY) - 1;
  const last = Math.floor((to + off) / DAY);
  const out: DayPlan[] = [];
  for (let d = first; d <= last; d++) {
    const p = planFor(seed, user, d);
    if (p && p.logoffAt > from && p.logonAt < to) out.push(p);
  }
  return out;
}

/** Minutes of [from, to) the user is at their desk (working, not at lunch). */
export function activeWindow(p: DayPlan, from: number, to: number): [number, number][] {
  const spans: [number, number][] = [
    [p.logonAt, p.lunchFrom],
    [p.lunchTo, p.logoffAt],
  ];
  const out: [number, number][] = [];
  for (const [a, b] of spans) {
    const s = Math.max(a, from);
    const e = Math.min(b, to);
    if (e > s) out.push([s, e]);
  }
  return out;
}
