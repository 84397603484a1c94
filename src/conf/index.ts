// The configuration layer's public surface.
export { ConfError, InvalidValue, UsageError } from "./errors.js";
export type { ConfKey, ConfKeyFamily } from "./key.js";
export { allKeys, keyFamilies, keys } from "./keys.js";
export type { ArmadaMaster } from "./master-url.js";
export type { ConfEntry, ResolvedConf } from "./resolved-conf.js";
export {
  confFromProperties,
  resolveSubmission,
  resolveSubmitCommand,
  sparkDefaultsPath,
  type Env,
  type ReadTextFile,
  type SubmitCommand,
  type SubmitOptions,
} from "./resolve.js";
export { REDACTED, displayValue, isSecretKeyName } from "./secrets.js";
export { describeSource, type Source } from "./source.js";
export type { AppLanguage, Submission } from "./submission.js";
export type { ValueType } from "./value-types.js";
export { toMiB } from "./value-types.js";
