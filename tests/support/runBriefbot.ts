import { spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { KNOWLEDGE_DIR, REPO_ROOT } from "./tempKnowledge.ts";

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stderr lines that are not JSON log lines: what a person reads. */
  said: string[];
}

/**
 * `npm start` (with `--execute <line>` unless `line` is null) at debug level, in a clean
 * environment, optionally as nobody or under a file size limit.
 */
export function runBriefbot(
  line: string | null,
  env: Record<string, string>,
  options: { asNobody?: boolean; fileSizeKb?: number; timeoutMs?: number } = {},
): Promise<Run> {
  const node = [
    process.execPath,
    "--import",
    "tsx",
    "adapters/main.ts",
    ...(line === null ? [] : ["--execute", line]),
  ];
  let command = node;
  if (options.fileSizeKb)
    command = ["bash", "-c", `trap "" XFSZ; ulimit -f ${options.fileSizeKb}; exec "$@"`, "bash", ...node];
  if (options.asNobody) command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", ...command];
  return new Promise((resolve) => {
    const child = spawn(command[0] as string, command.slice(1), {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: env.HOME ?? tmpdir(),
        BRIEFBOT_KNOWLEDGE_DIR: KNOWLEDGE_DIR,
        BRIEFBOT_WATCH: "off",
        LOG_LEVEL: "debug",
        ...env,
      },
    });
    // Only catches a hang: on a busy machine several of these start at once.
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 80_000);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({
        code,
        stdout,
        stderr,
        said: stderr.split("\n").filter((l) => l !== "" && !l.startsWith("{")),
      });
    });
  });
}
