// Where a configuration value came from. Every error and every `--verbose` line names it, so a user
// can find the flag, the --conf, or the file and line to fix.

export type Source =
  | { kind: "flag"; flag: string } // e.g. --executor-memory
  | { kind: "conf-flag" } // --conf / -c on the command line
  | { kind: "file"; path: string; line: number } // --properties-file, spark-defaults.conf
  | { kind: "env"; name: string }
  | { kind: "default" };

export function describeSource(s: Source): string {
  switch (s.kind) {
    case "flag":
      return s.flag;
    case "conf-flag":
      return "--conf";
    case "file":
      return `${s.path}:${s.line}`;
    case "env":
      return `environment variable ${s.name}`;
    case "default":
      return "default";
  }
}
