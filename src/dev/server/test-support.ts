// Test doubles for the server's unit tests only: a scripted PodRuntime that records launches and
// lets the test play the pod's lifecycle events. (End-to-end tests use the real local-process runtime.)

import type { PodHandle, PodLaunch, PodLifecycleEvent, PodRuntime } from "../runtime/pod-runtime.js";

export interface FakePod {
  readonly launch: PodLaunch;
  emit(event: PodLifecycleEvent): void;
  cancelled: boolean;
}

export class FakeRuntime implements PodRuntime {
  readonly hostsFilePath = "/dev/null";
  readonly pods: FakePod[] = [];
  shutdownCalls = 0;

  start(launch: PodLaunch, onEvent: (event: PodLifecycleEvent) => void): PodHandle {
    let end!: () => void;
    const done = new Promise<void>((resolve) => (end = resolve));
    const pod: FakePod = {
      launch,
      cancelled: false,
      emit: (event) => {
        if (pod.cancelled) return;
        onEvent(event);
        if (event.kind === "succeeded" || event.kind === "failed") end();
      },
    };
    this.pods.push(pod);
    return {
      podName: launch.podName,
      podIp: "127.1.0.1",
      cancel: async () => {
        pod.cancelled = true;
        end();
      },
      done,
    };
  }

  logPath(): string | undefined {
    return undefined;
  }

  async shutdown(): Promise<void> {
    this.shutdownCalls++;
    for (const p of this.pods) p.cancelled = true;
  }

  pod(jobId: string): FakePod {
    const pod = this.pods.find((p) => p.launch.jobId === jobId);
    if (!pod) throw new Error(`no pod for job ${jobId}`);
    return pod;
  }
}
