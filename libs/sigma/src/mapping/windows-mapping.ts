import type { FieldAccessor, FieldMapping, Logsource, LogsourceClause, LogsourceVariant } from '../types';
import { windowsAccessor } from './windows-accessor';
import { WINDOWS_CATEGORIES, WINDOWS_SERVICE_CHANNELS } from './windows-logsources';
import type { WindowsCategorySource } from './windows-logsources';

const NO_RENAMES: Readonly<Record<string, string>> = Object.freeze({});

function channelsOf(service: string): readonly string[] {
  const channels = WINDOWS_SERVICE_CHANNELS[service];
  // The data is ours: a category naming an unknown service is a bug, found by the spec.
  if (!channels) throw new Error(`windows mapping: category source names unknown service ${service}`);
  return channels;
}

function categoryVariant(source: WindowsCategorySource): LogsourceVariant {
  const conditions: LogsourceClause[] = [
    { field: 'EventID', values: source.eventIds },
    { field: 'Channel', values: channelsOf(source.service) },
  ];
  for (const [field, values] of Object.entries(source.where ?? {})) conditions.push({ field, values });
  return Object.freeze({ name: source.name, conditions: Object.freeze(conditions), fieldRenames: source.renames ?? NO_RENAMES });
}

const CATEGORY_VARIANTS = new Map<string, { service: string; variant: LogsourceVariant }[]>(
  Object.entries(WINDOWS_CATEGORIES).map(([category, sources]) => [category, sources.map((s) => ({ service: s.service, variant: categoryVariant(s) }))]),
);

const SERVICE_VARIANTS = new Map<string, readonly LogsourceVariant[]>(
  Object.entries(WINDOWS_SERVICE_CHANNELS).map(([service, channels]) => [
    service,
    Object.freeze([Object.freeze({ name: `service-${service}`, conditions: Object.freeze([{ field: 'Channel', values: channels }]), fieldRenames: NO_RENAMES })]),
  ]),
);

/** `product: windows` alone: every Windows event. */
const ALL_WINDOWS: readonly LogsourceVariant[] = Object.freeze([Object.freeze({ name: 'windows-any', conditions: Object.freeze([]), fieldRenames: NO_RENAMES })]);

const accessors = new Map<string, FieldAccessor>();

const lower = (s: string | undefined) => (s === undefined || s === '' ? undefined : s.toLowerCase());

function categoryVariants(category: string, service: string | undefined): readonly LogsourceVariant[] | undefined {
  const entries = CATEGORY_VARIANTS.get(category);
  if (!entries) return undefined;
  // A rule that also names a service keeps only the sources from that service.
  const kept = service === undefined ? entries : entries.filter((e) => e.service === service);
  return kept.length > 0 ? kept.map((e) => e.variant) : undefined;
}

/**
 * Sigma logsources and fields on Windows event logs, equivalent to SigmaHQ's THOR
 * configuration: a category is a channel plus EventIDs (process_creation is Sysmon 1, or
 * Security 4688 with `Image`/`ParentImage` read from `NewProcessName`/`ParentProcessName`);
 * a service is its channels; `product: windows` alone is every event. A category given
 * without a product is taken as Windows; another product is not known here (undefined).
 */
export const windowsFieldMapping: FieldMapping = {
  name: 'windows',
  variants(logsource: Logsource): readonly LogsourceVariant[] | undefined {
    const product = lower(logsource.product);
    const category = lower(logsource.category);
    const service = lower(logsource.service);
    if (product !== undefined && product !== 'windows') return undefined;
    if (category !== undefined) {
      return categoryVariants(category, service);
    }
    if (service !== undefined) return SERVICE_VARIANTS.get(service);
    return product === 'windows' ? ALL_WINDOWS : undefined;
  },
  /** Built once per name and shared: thousands of rules read the same few dozen fields. */
  accessor(field: string): FieldAccessor {
    let a = accessors.get(field);
    if (a === undefined) {
      a = windowsAccessor(field);
      accessors.set(field, a);
    }
    return a;
  },
};
