import type { DraftSink } from '../draft';
import type { Rng } from '../rng';
import type { Host, User, World } from '../world/types';

/** What every generator gets for one time slice. */
export interface SliceCtx {
  world: World;
  sink: DraftSink;
  rng: Rng;
  seed: number;
  /** Start of the whole scenario window (travel days count from here). */
  windowStart: number;
  hostsByName: Map<string, Host>;
}

/** The host named `name`; the world always holds the hosts the generators ask for. */
export function hostOf(ctx: SliceCtx, name: string): Host {
  const h = ctx.hostsByName.get(name);
  if (!h) throw new Error(`unknown host ${name}`);
  return h;
}

/** Uniform time inside the slice. */
export function timeIn(ctx: SliceCtx, from = ctx.sink.start, to = ctx.sink.end): number {
  return from + Math.floor(ctx.rng.next() * Math.max(1, to - from));
}

/** Whether `user` is away on `time` (travel days count from the window start). */
export function travelling(ctx: SliceCtx, user: User, time: number): boolean {
  if (!user.travel) return false;
  const day = Math.floor((time - ctx.windowStart) / 86_400_000);
  return day >= user.travel.fromDay && day < user.travel.toDay;
}
