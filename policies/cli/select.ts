/** Splits `--only`/`--skip` values: comma or space separated, repeatable. */
export function splitIds(values: readonly string[]): string[] {
  return values
    .flatMap((v) => v.split(/[\s,]+/))
    .map((v) => v.trim())
    .filter((v) => v !== "");
}
