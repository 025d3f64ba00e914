import { runBrief } from "./brief.ts";

/**
 * `brief` (the package's bin, and `npm run brief`). A reader that goes away early (`brief ask --jsonl
 * < questions | head -1`) ends it quietly: a closed pipe is the reader's choice, not a failure.
 */
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  process.stderr.write(`brief: cannot write the answer (${error.code ?? error.name})\n`);
  process.exit(1);
});

runBrief(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `brief failed (${error instanceof Error ? error.name : typeof error}); this is a bug\n`,
    );
    process.exitCode = 1;
  },
);
