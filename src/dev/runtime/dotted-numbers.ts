/** Orders dot-separated numbers part by part, numerically ("3.10" after "3.9", "127.1.0.10"
 * after "127.1.0.9"); a missing part counts as 0. */
export function compareDottedNumbers(a: string, b: string): number {
  const as = a.split(".").map(Number);
  const bs = b.split(".").map(Number);
  for (let i = 0; i < Math.max(as.length, bs.length); i++) {
    const d = (as[i] ?? 0) - (bs[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
