// `armada-spark keys [FILTER] [-o json]`: every configuration key we know, with its expected form,
// default, help and deprecated aliases.
import { describeFamily, describeKey, formatKeyListing, type KeyDescription } from "../conf/describe.js";
import { allKeys, keyFamilies } from "../conf/keys.js";

const usage = `Usage: armada-spark keys [FILTER] [-o text|json]

Lists every configuration key armada-spark knows: its expected form, default, help and deprecated
aliases. FILTER keeps keys whose name (or alias) contains it, case-insensitively.
`;

export function listKeys(filter?: string): KeyDescription[] {
  const all = [...allKeys.map(describeKey), ...keyFamilies.map(describeFamily)].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  if (filter === undefined) return all;
  const f = filter.toLowerCase();
  return all.filter((k) => [k.name, ...k.aliases].some((n) => n.toLowerCase().includes(f)));
}

export function renderKeys(list: readonly KeyDescription[], format: "text" | "json"): string {
  return format === "text" ? formatKeyListing(list) : JSON.stringify(list, null, 2) + "\n";
}

export async function keysCommand(args: string[]): Promise<number> {
  let format: "text" | "json" = "text";
  let filter: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--help" || arg === "-h") {
      process.stdout.write(usage);
      return 0;
    }
    const eq = /^--output=(.*)$/.exec(arg);
    if (arg === "-o" || arg === "--output" || eq) {
      const value = eq ? eq[1] : args[++i];
      if (value !== "text" && value !== "json") {
        process.stderr.write(
          `armada-spark keys: error: ${arg} expects text or json (got ${JSON.stringify(value ?? "")})\n`,
        );
        return 2;
      }
      format = value;
    } else if (arg.startsWith("-") || filter !== undefined) {
      process.stderr.write(`armada-spark keys: error: unexpected argument '${arg}'\n\n${usage}`);
      return 2;
    } else {
      filter = arg;
    }
  }
  process.stdout.write(renderKeys(listKeys(filter), format));
  return 0;
}
