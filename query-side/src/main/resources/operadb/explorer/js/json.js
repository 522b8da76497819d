// JSON text with exact integers: JavaScript numbers lose digits past 2^53, OperaDB integers are 64-bit.

/** An integer typed by a person, written into the JSON text exactly as typed. */
export class RawNumber {
  constructor(text) {
    this.text = text;
  }
}

export function stringify(value) {
  if (value instanceof RawNumber) return value.text;
  if (Array.isArray(value)) return `[${value.map(stringify).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.entries(value).filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${JSON.stringify(k)}:${stringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function pretty(value) {
  return JSON.stringify(value, null, 2);
}
