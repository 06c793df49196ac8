/**
 * A check that a value already is exactly what a zod schema's parse would return: the same keys in the schema's
 * order, nothing more, every value of the right type. When it holds, the parse's result equals the value (and
 * serialises to the same JSON), so the response contract hook sends the value itself instead of a copy — the copy
 * was the largest allocation of a wall request after its JSON (docs/benchmarks.md, part 5). When it does not hold
 * (an extra field to strip, a broken value to refuse), or the schema has anything whose parse changes or checks
 * more than a type (defaults, transforms, refinements, string/number checks …), the caller runs the real parse.
 */
type Check = (value: unknown) => boolean;

interface ZodNode {
  _zod: { def: ZodDef };
}

interface ZodDef {
  type: string;
  checks?: unknown[];
  shape?: Record<string, ZodNode>;
  catchall?: unknown;
  element?: ZodNode;
  innerType?: ZodNode;
  entries?: Record<string, string | number>;
  values?: unknown[];
  options?: ZodNode[];
}

const compiled = new WeakMap<object, Check | null>();

/** The exact-shape check for `schema`, or null when its parse can do more than check types (then always parse). */
export function exactShapeCheck(schema: unknown): Check | null {
  const node = schema as ZodNode;
  if (!node?._zod?.def) return null;
  if (compiled.has(node)) return compiled.get(node)!;
  const check = compile(node);
  compiled.set(node, check);
  return check;
}

function compile(node: ZodNode): Check | null {
  const def = node._zod.def;
  if (def.checks?.length) return null;
  switch (def.type) {
    case 'string':
      return (v) => typeof v === 'string';
    case 'number':
      return (v) => typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return (v) => typeof v === 'boolean';
    case 'null':
      return (v) => v === null;
    case 'enum': {
      const allowed = new Set(Object.values(def.entries ?? {}));
      return (v) => (typeof v === 'string' || typeof v === 'number') && allowed.has(v);
    }
    case 'literal': {
      const allowed = new Set(def.values ?? []);
      return (v) => allowed.has(v);
    }
    case 'nullable': {
      const inner = compile(def.innerType!);
      return inner && ((v) => v === null || inner(v));
    }
    case 'array': {
      const element = compile(def.element!);
      if (!element) return null;
      return (v) => {
        if (!Array.isArray(v)) return false;
        for (let i = 0; i < v.length; i++) if (!element(v[i])) return false;
        return true;
      };
    }
    case 'union': {
      const options = (def.options ?? []).map(compile);
      if (!options.length || options.some((o) => o === null)) return null;
      return (v) => options.some((o) => o!(v));
    }
    case 'object':
      return compileObject(def);
    default:
      return null;
  }
}

function compileObject(def: ZodDef): Check | null {
  // Only zod's default (strip unknown keys): a strict or loose object's parse refuses or keeps them.
  if (def.catchall !== undefined) return null;
  const fields: Array<{ key: string; optional: boolean; check: Check }> = [];
  for (const [key, child] of Object.entries(def.shape ?? {})) {
    const childDef = child._zod.def;
    const optional = childDef.type === 'optional';
    if (optional && childDef.checks?.length) return null;
    const check = compile(optional ? childDef.innerType! : child);
    if (!check) return null;
    fields.push({ key, optional, check });
  }
  return (v) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
    // A plain object (of any realm) or one without a prototype: nothing inherited for for…in to walk.
    const proto = Object.getPrototypeOf(v);
    if (proto !== null && Object.getPrototypeOf(proto) !== null) return false;
    const record = v as Record<string, unknown>;
    // The value's own keys, in order, must be the schema's (an optional one may be missing): for…in walks them
    // without allocating a key array (a plain object's prototype has no enumerable keys).
    let f = 0;
    for (const key in record) {
      while (f < fields.length && fields[f].key !== key && fields[f].optional && !(fields[f].key in record)) f++;
      if (f >= fields.length || fields[f].key !== key) return false;
      const value = record[key];
      if (!(fields[f].optional && value === undefined) && !fields[f].check(value)) return false;
      f++;
    }
    while (f < fields.length && fields[f].optional && !(fields[f].key in record)) f++;
    return f === fields.length;
  };
}
