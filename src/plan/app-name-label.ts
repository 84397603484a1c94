// The `spark-app-name` label value, sanitized as Spark on Kubernetes does: lower case, anything but
// [a-z0-9.-] becomes '-', no leading or trailing non-alphanumerics, at most 63 characters.
export function appNameLabel(appName: string): string {
  const sanitized = appName
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9\-.]/g, "-")
    .replace(/^[^a-z0-9]+/, "")
    .slice(0, 63)
    .replace(/[^a-z0-9]+$/, "");
  return sanitized;
}
