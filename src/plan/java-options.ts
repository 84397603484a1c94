// JVM option handling shared by the executor environment: splitting a user's extraJavaOptions the
// way Spark does (Utils.splitCommandString: whitespace separates, quotes group, backslash escapes
// inside double quotes) and choosing which keys an executor needs at JVM start.

export function splitJavaOptions(text: string): string[] {
  const out: string[] = [];
  let current = "";
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else current += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === "\\" && i + 1 < text.length) current += text[++i];
      else current += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) out.push(current);
      current = "";
      inWord = false;
    } else {
      current += c;
      inWord = true;
    }
  }
  if (inWord) out.push(current);
  return out;
}

/**
 * Keys an executor must have before it can talk to the driver (SparkConf.isExecutorStartupConf):
 * authentication (never the secret itself), RPC and network settings, and ports.
 */
export function isExecutorStartupKey(name: string): boolean {
  return (
    (name.startsWith("spark.auth") && name !== "spark.authenticate.secret") ||
    name.startsWith("spark.rpc") ||
    name.startsWith("spark.network") ||
    (name.startsWith("spark.") && name.endsWith(".port")) ||
    name.startsWith("spark.port.")
  );
}
