import { Rng } from '../rng';
import { IPHONE_UA, MAC_CHROME_UA, WIN_CHROME_UA } from '../world/names';
import type { Place, User, World } from '../world/types';
import { travelling, type SliceCtx } from './context';

/** Where a user's traffic comes from on a given day: office egress, home or a hotel abroad. */
export interface Whereabouts {
  ip: string;
  place: Place;
  isp: string;
  asn: number;
  ua: string;
  os: string;
  browser: string;
}

const HQ: Place = { country: 'US', countryName: 'United States', city: 'New York', state: 'New York', lat: 40.71, lon: -74.0 };

/** Deterministic per user and day, so every source agrees on the address. */
export function whereabouts(ctx: SliceCtx, world: World, user: User, time: number): Whereabouts {
  const day = Math.floor(time / 86_400_000);
  const rng = Rng.of(ctx.seed, 'where', user.index, day);
  const mac = user.os === 'mac';
  const ua = mac ? MAC_CHROME_UA : WIN_CHROME_UA;
  const os = mac ? 'Mac OS X' : 'Windows 10';
  if (travelling(ctx, user, time) && user.travel) {
    const t = user.travel;
    return { ip: t.ip, place: t, isp: 'Hotel WiFi Services', asn: 9009, ua: rng.chance(0.3) ? IPHONE_UA : ua, os: rng.chance(0.3) ? 'iOS' : os, browser: 'CHROME' };
  }
  const inOffice = user.home.city === 'New York' && rng.chance(0.7);
  if (inOffice) return { ip: world.network.egressIp, place: HQ, isp: 'Lumen', asn: 3356, ua, os, browser: 'CHROME' };
  return { ip: user.homeIp, place: user.home, isp: rng.pick(['Comcast Cable', 'Verizon Fios', 'BT', 'Deutsche Telekom', 'Airtel']), asn: rng.pick([7922, 701, 2856, 3320, 9498]), ua, os, browser: 'CHROME' };
}
