// Placeholder until the foundation lands: the spark-submit compatible command.
export async function submitCommand(_args: string[]): Promise<number> {
  process.stderr.write("armada-spark submit: not implemented yet\n");
  return 1;
}
