// Shared by the wire e2e tests: where the project-local Python (with the official armada-client)
// lives, how to run its helper scripts, and our schema as a FileDescriptorSet for them.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { create, toBinary } from "@bufbuild/protobuf";
import type { DescFile } from "@bufbuild/protobuf";
import { FileDescriptorSetSchema } from "@bufbuild/protobuf/wkt";
import type { FileDescriptorProto } from "@bufbuild/protobuf/wkt";
import { file_pkg_api_binoculars_binoculars } from "../../src/armada/gen/pkg/api/binoculars/binoculars_pb.js";
import { file_pkg_api_event } from "../../src/armada/gen/pkg/api/event_pb.js";
import { file_pkg_api_health } from "../../src/armada/gen/pkg/api/health_pb.js";
import { file_pkg_api_job } from "../../src/armada/gen/pkg/api/job_pb.js";
import { file_pkg_api_submit } from "../../src/armada/gen/pkg/api/submit_pb.js";
import { projectRoot } from "../../src/dev/spark-homes.js";

const root = projectRoot();

export const venvPython = join(root, ".venv", "bin", "python");

export function supportScript(name: string): string {
  return join(root, "e2e", "support", name);
}

/** Throws with the fix when the project-local Python environment is missing. */
export function requireVenv(): void {
  if (!existsSync(venvPython)) {
    throw new Error(`${venvPython} not found: run scripts/setup-python.sh (or npm test, which runs it)`);
  }
}

export function runPython(script: string, args: readonly string[], stdin?: string): Promise<string> {
  requireVenv();
  return new Promise((resolve, reject) => {
    const child = execFile(
      venvPython,
      [supportScript(script), ...args],
      { maxBuffer: 256 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`${script} failed: ${err.message}\n${stderr}`));
        else resolve(stdout);
      },
    );
    if (stdin !== undefined) child.stdin?.end(stdin);
  });
}

/** Runs one scenario of dev_client.py (the official armada-client) against `address`; its JSON answer. */
export async function devClient<T>(address: string, scenario: string, ...args: string[]): Promise<T> {
  return JSON.parse(await runPython("dev_client.py", [address, scenario, ...args])) as T;
}

/** The generated Armada files and everything they import, dependencies first. */
export function ourFiles(): DescFile[] {
  const ordered: DescFile[] = [];
  const seen = new Set<string>();
  const visit = (f: DescFile): void => {
    if (seen.has(f.name)) return;
    seen.add(f.name);
    for (const d of f.dependencies) visit(d);
    ordered.push(f);
  };
  for (const f of [
    file_pkg_api_submit,
    file_pkg_api_event,
    file_pkg_api_job,
    file_pkg_api_health,
    file_pkg_api_binoculars_binoculars,
  ]) {
    visit(f);
  }
  return ordered;
}

/** Our schema exactly as the generated code embeds it, as a serialized FileDescriptorSet. */
export function ourDescriptorSet(): Uint8Array {
  const file: FileDescriptorProto[] = ourFiles().map((f) => f.proto);
  return toBinary(FileDescriptorSetSchema, create(FileDescriptorSetSchema, { file }));
}
