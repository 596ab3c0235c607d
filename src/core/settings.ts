// One settings table per feature: each `cadence.<feature>.<name>` with its default and its limits,
// written once. The feature's reader (`readTable`) applies them the same way whoever supplies the raw
// values (VS Code's configuration, a repository's .vscode/settings.json, an LSP client), and a unit
// test holds every table against package.json's `contributes.configuration`.

/** One setting: its JSON type as package.json declares it, its default, and what is accepted. */
export type SettingSpec =
  | { type: 'boolean'; default: boolean }
  | { type: 'integer' | 'number'; default: number; minimum?: number; maximum?: number }
  | { type: 'string'; default: string; enum?: readonly string[]; maxLength?: number }
  | { type: 'strings'; default: readonly string[]; enum?: readonly string[] }
  /** Structured values (arrays of objects): passed through for the feature's own parser. */
  | { type: 'json'; default: unknown }
  /** A JSON object (a map the feature reads on): anything else falls back to the default. */
  | { type: 'object'; default: Readonly<Record<string, unknown>> };

export type SettingsTable = Readonly<Record<string, SettingSpec>>;

type ValueOf<S extends SettingSpec> = S extends { type: 'boolean' }
  ? boolean
  : S extends { type: 'integer' | 'number' }
    ? number
    : S extends { type: 'string' }
      ? string
      : S extends { type: 'strings' }
        ? string[]
        : S extends { type: 'object' }
          ? Record<string, unknown>
          : unknown;

/** The values a table describes, typed. */
export type TableValues<T extends SettingsTable> = { -readonly [K in keyof T]: ValueOf<T[K]> };

function strings(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
}

/** One raw value made to fit its spec: wrong types fall back to the default, numbers are clamped. */
export function readSetting<S extends SettingSpec>(spec: S, raw: unknown): ValueOf<S> {
  return readAny(spec, raw) as ValueOf<S>;
}

function readAny(spec: SettingSpec, raw: unknown): unknown {
  switch (spec.type) {
    case 'boolean':
      return typeof raw === 'boolean' ? raw : spec.default;
    case 'integer':
    case 'number': {
      if (typeof raw !== 'number' || !Number.isFinite(raw)) return spec.default;
      const value = spec.type === 'integer' ? Math.round(raw) : raw;
      return Math.min(spec.maximum ?? Infinity, Math.max(spec.minimum ?? -Infinity, value));
    }
    case 'string': {
      if (typeof raw !== 'string') return spec.default;
      const value = raw.trim();
      if (spec.enum) return spec.enum.find((option) => option.toLowerCase() === value.toLowerCase()) ?? spec.default;
      return spec.maxLength !== undefined ? value.slice(0, spec.maxLength) : value;
    }
    case 'strings': {
      const list = strings(raw);
      if (!list) return [...spec.default];
      if (!spec.enum) return list;
      const allowed = spec.enum;
      return list
        .map((v) => allowed.find((option) => option.toLowerCase() === v.toLowerCase()))
        .filter((v): v is string => v !== undefined);
    }
    case 'json':
      return raw === undefined ? spec.default : raw;
    case 'object':
      return raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : { ...spec.default };
  }
}

/** Reads every setting of `table` through `get` (raw value by name, undefined when unset). */
export function readTable<T extends SettingsTable>(table: T, get: (name: string) => unknown): TableValues<T> {
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(table)) values[name] = readAny(spec, get(name));
  return values as TableValues<T>;
}
