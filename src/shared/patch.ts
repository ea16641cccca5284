/**
 * The columns an update writes from a partial input: each field that is given (not undefined)
 * lands in its column, converted where the column stores it differently (`flag`: a boolean as
 * 0/1, `json`: a list or object as JSON text). Fields the map does not name are the caller's.
 */
type Column<R, V> = keyof R | readonly [keyof R, (value: V) => unknown];

export function patchOf<R, I extends object = object>(input: I, columns: { [K in keyof I]?: Column<R, Exclude<I[K], undefined>> }): Partial<R> {
  const out: Partial<Record<keyof R, unknown>> = {};
  for (const key of Object.keys(columns) as (keyof I)[]) {
    const value = input[key];
    const column = columns[key] as Column<R, unknown> | undefined;
    if (value === undefined || column === undefined) continue;
    if (typeof column === 'object') out[column[0]] = column[1](value);
    else out[column] = value;
  }
  return out as Partial<R>;
}

/** A boolean as the 0/1 the tables store. */
export const flag = (value: boolean): number => (value ? 1 : 0);

/** A list or object as the JSON text the tables store. */
export const json = (value: unknown): string => JSON.stringify(value);
