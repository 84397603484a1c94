import type { PodRuntime, PodRuntimeOptions } from "./pod-runtime.js";

/** Creates the local-process pod runtime (see pod-runtime.ts for the model). */
export function createPodRuntime(_options: PodRuntimeOptions): PodRuntime {
  throw new Error("createPodRuntime: not implemented yet");
}
