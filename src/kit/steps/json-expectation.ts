// One part of a JSON answer that a health gate judges on its own, as plain data: the plan prints it, the
// journal may hold it, and a bundle other than the one that built it reads it. So no functions, only values.

/** A JSON value that `equals` can compare with `===`: objects and lists are judged part by part instead. */
export type JsonScalar = string | number | boolean | null;

/**
 * What the value must be: exactly one scalar, or a number (optionally within bounds). With no test at all
 * the value need only be there. `never` keeps `equals` from being mixed with the number tests.
 */
export type JsonTest =
  | { readonly equals: JsonScalar; readonly isNumber?: never; readonly atLeast?: never; readonly atMost?: never }
  | { readonly equals?: never; readonly isNumber?: true; readonly atLeast?: number; readonly atMost?: number };

export type JsonExpectation = JsonTest & {
  /**
   * Where the value is: keys joined by dots (`database.alembic_version`); a segment of digits indexes a
   * list (`items.0.id`). A key that holds a dot cannot be named; no answer we judge has one.
   */
  readonly path: string;
  /** What the value stands for, for people: "the database schema". Names the part when it fails. */
  readonly part: string;
  /** What to do when it fails, one line (the stack's words): "run `docker compose run --rm web shell alembic upgrade head`". */
  readonly fix: string;
  /**
   * The path of another expectation that must hold for this one to mean anything: while that one fails,
   * this one is not reported. A database that is down has no schema version, and "run the migrations"
   * would send people the wrong way.
   */
  readonly needs?: string;
};

/** The test in words, as a noun phrase: `"3be4004781bc"`, `true`, `a number from -90 to 90`, `present`. */
export function expectedWords(e: JsonExpectation): string {
  if (e.equals !== undefined) return JSON.stringify(e.equals);
  const { atLeast, atMost } = e;
  if (atLeast !== undefined && atMost !== undefined) return `a number from ${atLeast} to ${atMost}`;
  if (atLeast !== undefined) return `a number of at least ${atLeast}`;
  if (atMost !== undefined) return `a number of at most ${atMost}`;
  if (e.isNumber) return 'a number';
  return 'present';
}

/** One expectation as the plan shows it: "the database schema: database.alembic_version must be "3be4004781bc"". */
export function describeJsonExpectation(e: JsonExpectation): string {
  return `${e.part}: ${e.path} must be ${expectedWords(e)}${e.needs !== undefined ? ` (judged once ${e.needs} is as expected)` : ''}`;
}
