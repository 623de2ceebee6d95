/** Requirement level of an attribute in a class or object. */
export type Requirement = 'required' | 'recommended' | 'optional';

/** A fully resolved attribute: dictionary entry merged with every override on the way down. */
export interface ResolvedAttribute {
  caption: string;
  /** A dictionary type (`string_t`, `ip_t`...) or an object name (`process`). */
  type: string;
  isArray: boolean;
  requirement: Requirement;
  /** Enum values (as written, string keys) to captions. */
  enum?: Record<string, string>;
  /** Set when the attribute only exists because a profile was included. */
  profile?: string;
  sibling?: string;
  observable?: number;
  deprecated?: boolean;
}

/** A resolved object or class: inheritance, includes and extension patches applied. */
export interface ResolvedDefinition {
  name: string;
  caption: string;
  attributes: Record<string, ResolvedAttribute>;
  /** `at_least_one` / `just_one` lists. */
  constraints: Record<string, string[]>;
  observable?: number;
}

/** A concrete (instantiable) event class. */
export interface ResolvedClass extends ResolvedDefinition {
  uid: number;
  categoryUid: number;
  categoryName: string;
  /** Name of the extension (e.g. `win`) that defines the class, if any. */
  extension?: string;
  profiles: string[];
}

/** A resolved scalar type: its base JSON type and constraints. */
export interface ResolvedType {
  name: string;
  caption: string;
  base: 'string' | 'integer' | 'number' | 'boolean' | 'any';
  regex?: string;
  maxLength?: number;
  range?: [number, number];
  observable?: number;
}

/** The whole schema, resolved. */
export interface ResolvedSchema {
  version: string;
  types: Record<string, ResolvedType>;
  objects: Record<string, ResolvedDefinition>;
  classes: ResolvedClass[];
  categories: Record<string, { uid: number; caption: string }>;
  observableTypes: Record<string, string>;
}
