// Which keys hold secrets. Anything that looks like a secret by name is treated as one, so a key we
// do not know (a Hadoop credential, a oauth client secret) is still never echoed.

export const REDACTED = "<redacted>";

const secretWords = /secret|password|token|credential/i;

export function isSecretKeyName(name: string): boolean {
  return secretWords.test(name);
}

const javaOption = /(-D([^\s=]+)=)("[^"]*"|'[^']*'|\S*)/g;

/** `-Dk=v` options in free text with secret keys redacted (e.g. spark.executor.extraJavaOptions). */
export function redactJavaOptions(text: string): string {
  if (!text.includes("-D")) return text;
  return text.replace(javaOption, (all, head: string, key: string) =>
    isSecretKeyName(key) ? head + REDACTED : all,
  );
}

/** The value as it may be shown to a user: `<redacted>` for secrets, and for secret `-D` options inside it. */
export function displayValue(name: string, value: string, secret = false): string {
  return secret || isSecretKeyName(name) ? REDACTED : redactJavaOptions(value);
}
