import { Rng } from '../rng';
import { DEPARTMENTS, FIRST_NAMES, LAST_NAMES, LOCATIONS, TRAVEL_SPOTS } from './names';
import type { User } from './types';

/** Everything a user needs from the company to derive their identities. */
export interface UserContext {
  emailDomain: string;
  domainSid: string;
  hostPrefix: string;
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z]/g, '');
}

function uniqueNames(rng: Rng, count: number): [string, string][] {
  const seen = new Set<string>();
  const out: [string, string][] = [];
  while (out.length < count) {
    const pair: [string, string] = [rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES)];
    const key = pair.join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(pair);
  }
  return out;
}

function awsRoleFor(dept: string, admin: boolean, rng: Rng): string | undefined {
  if (admin) return 'AWSReservedSSO_AdministratorAccess';
  if (dept === 'Engineering') return rng.chance(0.3) ? 'AWSReservedSSO_PowerUserAccess' : 'AWSReservedSSO_DeveloperReadOnly';
  if (dept === 'Data') return 'AWSReservedSSO_DataAnalyst';
  return undefined;
}

/** Draws `count` employees; IT gets at least two people so admin behaviour always exists. */
export function buildUsers(seed: number, count: number, ctx: UserContext): User[] {
  const rng = Rng.of(seed, 'users');
  const names = uniqueNames(rng, count);
  return names.map(([first, last], index) => {
    const dept = index < 2 ? (DEPARTMENTS[2] as (typeof DEPARTMENTS)[number]) : rng.weighted(DEPARTMENTS.map((d) => [d, d.weight] as const));
    const loc = rng.weighted(LOCATIONS.map((l) => [l, l.weight] as const));
    const sam = `${slug(first)}.${slug(last)}`;
    const admin = dept.name === 'IT';
    const startMin = rng.int(7 * 60, 10 * 60);
    const travels = rng.chance(0.12);
    const spot = rng.pick(TRAVEL_SPOTS);
    const fromDay = rng.int(0, 1);
    const user: User = {
      index,
      firstName: first,
      lastName: last,
      displayName: `${first} ${last}`,
      sam,
      upn: `${sam}@${ctx.emailDomain}`,
      department: dept.name,
      title: rng.pick(dept.titles),
      engineer: dept.engineer,
      admin,
      home: { country: loc.country, countryName: loc.countryName, city: loc.city, state: loc.state, lat: loc.lat, lon: loc.lon, tz: loc.tz, offsetMin: loc.offsetMin },
      workStartMin: startMin,
      workEndMin: startMin + rng.int(8 * 60, 9 * 60 + 30),
      homeIp: `${rng.pick(loc.ipPrefixes)}.${rng.int(1, 254)}.${rng.int(2, 254)}`,
      travel: travels ? { ...spot, ip: `${spot.ipPrefix}.${rng.int(1, 254)}.${rng.int(2, 254)}`, fromDay, toDay: fromDay + rng.int(1, 4) } : undefined,
      workstation: `${ctx.hostPrefix}-${dept.engineer ? 'DEV' : 'WS'}-${String(index + 101).padStart(3, '0')}`,
      sid: `${ctx.domainSid}-${1104 + index}`,
      oktaId: `00u${rng.b62(17)}`,
      entraId: rng.uuid(),
      githubLogin: dept.engineer || admin ? `${slug(first)}${slug(last).slice(0, 3)}-kst` : undefined,
      awsRole: awsRoleFor(dept.name, admin, rng),
      // Some engineers use MacBooks: they appear in identity and cloud logs but not in Windows logs.
      os: dept.engineer && rng.chance(0.35) ? 'mac' : 'windows',
    };
    return user;
  });
}
