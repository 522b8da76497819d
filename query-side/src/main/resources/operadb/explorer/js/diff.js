// The differences between two JSON documents (two versions of a schema), path by path.

/** [{path, kind: 'added'|'removed'|'changed', before, after}] */
export function diffJson(before, after, path = '') {
  if (deepEqual(before, after)) return [];
  if (before === undefined) return [{path, kind: 'added', after}];
  if (after === undefined) return [{path, kind: 'removed', before}];
  const bothObjects = isObject(before) && isObject(after);
  const bothArrays = Array.isArray(before) && Array.isArray(after);
  if (!bothObjects && !bothArrays) return [{path, kind: 'changed', before, after}];
  const keys = bothArrays
    ? [...Array(Math.max(before.length, after.length)).keys()]
    : [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.flatMap(k => diffJson(before[k], after[k], bothArrays ? `${path}[${k}]` : path ? `${path}.${k}` : k));
}

function isObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function deepEqual(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}
