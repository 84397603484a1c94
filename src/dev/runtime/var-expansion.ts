/**
 * Kubernetes' `$(VAR)` expansion (used for env values, command and args): `$(NAME)` becomes the
 * variable's value when it is defined and stays as written when it is not; `$$` is an escaped
 * `$`; any other `$` (and an unclosed `$(`) is kept literally.
 */
export function expandVars(input: string, lookup: (name: string) => string | undefined): string {
  let out = "";
  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    if (ch !== "$" || i + 1 >= input.length) {
      out += ch;
      i++;
      continue;
    }
    const next = input[i + 1];
    if (next === "$") {
      out += "$";
      i += 2;
    } else if (next === "(") {
      const close = input.indexOf(")", i + 2);
      if (close < 0) {
        out += "$(";
        i += 2;
      } else {
        const name = input.slice(i + 2, close);
        out += lookup(name) ?? `$(${name})`;
        i = close + 1;
      }
    } else {
      out += "$" + next;
      i += 2;
    }
  }
  return out;
}
