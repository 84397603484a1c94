// Which keys hold secrets. Anything that looks like a secret by name is treated as one, so a key we
// do not know (a Hadoop credential, a oauth client secret) is still never echoed.

export const REDACTED = "<redacted>";

const secretWords = /secret|password|token|credential/i;

export function isSecretKeyName(name: string): boolean {
  return secretWords.test(name);
}

/** The value as it may be shown to a user: `<redacted>` for secrets. */
export function displayValue(name: string, value: string, secret = false): string {
  return secret || isSecretKeyName(name) ? REDACTED : value;
}
