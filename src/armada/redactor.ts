// Secrets (tokens, passwords) the client holds. Every message that leaves the client (errors,
// logs) passes through `redact`, so a server that echoes a credential cannot leak it either.
export const REDACTED = "<redacted>";

export class Redactor {
  private readonly secrets = new Set<string>();

  /** Remembers a secret; short strings are ignored to avoid mangling ordinary words. */
  add(secret: string | undefined): void {
    if (secret !== undefined && secret.length >= 4) this.secrets.add(secret);
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so a secret that contains another is replaced whole.
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length)) out = out.split(s).join(REDACTED);
    // Header values that slipped through (e.g. a library echoing request metadata).
    return out.replace(/\b(Bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, `$1 ${REDACTED}`);
  }
}
