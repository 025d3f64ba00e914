import { spawnSync } from "node:child_process";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Ajv } from "ajv";
import { afterAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { REPO_ROOT } from "../support/tempKnowledge.ts";

/**
 * The deployment files. This machine can neither pull base images nor run Compose, so what can be
 * checked here is: compose.yaml against the Compose specification's own JSON schema, and the
 * Dockerfile's build steps, run as a script in a scratch folder standing for /app, with the result
 * started as an unprivileged user the way the image's CMD starts it.
 */

const read = (file: string) => readFileSync(path.join(REPO_ROOT, file), "utf8");
const scratch = mkdtempSync(path.join(tmpdir(), "briefbot-image-"));
chmodSync(scratch, 0o755);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Instruction {
  keyword: string;
  args: string;
}

/** The Dockerfile's instructions, continuation lines joined and comments dropped. */
function instructions(text: string): Instruction[] {
  const joined = text
    .split("\n")
    .filter((line) => !line.trimStart().startsWith("#"))
    .join("\n")
    .replace(/\\\n/g, " ");
  return joined
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [keyword = "", ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(" ") };
    });
}

const dockerfile = instructions(read("Dockerfile"));

describe("compose.yaml", () => {
  const compose = parseYaml(read("compose.yaml")) as {
    services: Record<string, Record<string, unknown>>;
  };
  const schema = JSON.parse(read("tests/fixtures/compose-spec/compose-spec.json"));
  // The specification's schema is draft-07 and names its meta-schema by https; Ajv knows it by http.
  const validate = new Ajv({ allErrors: true, strict: false, validateSchema: false }).compile(schema);

  it("is valid under the Compose specification's schema", () => {
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it("the check catches a file Compose would refuse", () => {
    const broken = structuredClone(compose);
    (broken.services.bot as Record<string, unknown>).depends_on = { db: { condition: "when-ready" } };
    (broken.services.bot as Record<string, unknown>).restrat = "always";
    expect(validate(broken)).toBe(false);
  });

  it("runs the bot from this Dockerfile against the PostgreSQL service, once it is healthy", () => {
    const { bot, db } = compose.services as Record<string, Record<string, unknown>>;
    expect(bot?.build).toBe(".");
    expect(bot?.depends_on).toEqual({ db: { condition: "service_healthy" } });
    expect((bot?.environment as Record<string, string> | undefined)?.DATABASE_URL).toMatch(
      /^postgres:\/\/briefbot:.*@db:5432\/briefbot$/,
    );
    expect(db?.image).toMatch(/^postgres:\d+/);
    expect(db?.healthcheck).toBeDefined();
  });
});

describe("the Dockerfile", () => {
  const stages = dockerfile.filter((step) => step.keyword === "FROM");
  const final = dockerfile.slice(dockerfile.lastIndexOf(stages.at(-1) as Instruction));

  it("builds on Node LTS slim, the version of .nvmrc, and runs as a user other than root", () => {
    const version = dockerfile.find(
      (step) => step.keyword === "ARG" && step.args.startsWith("NODE_VERSION="),
    );
    expect(version?.args).toBe(`NODE_VERSION=${read(".nvmrc").trim()}`);
    for (const stage of stages) expect(stage.args).toMatch(/^node:\$\{NODE_VERSION\}-bookworm-slim\b/);
    const user = final.filter((step) => step.keyword === "USER").at(-1);
    expect(user?.args).toBe("node");
  });

  it("starts the bot exactly as npm start does", () => {
    const start = (JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts.start;
    const cmd = final.find((step) => step.keyword === "CMD");
    expect((JSON.parse(cmd?.args ?? "[]") as string[]).join(" ")).toBe(start);
  });

  it("copies nothing that .dockerignore leaves out of the build context", () => {
    const ignored = read(".dockerignore")
      .split("\n")
      .filter((line) => line && !line.startsWith("#"));
    const copied = dockerfile
      .filter((step) => step.keyword === "COPY" && !step.args.startsWith("--from"))
      .flatMap((step) => step.args.split(/\s+/).slice(0, -1));
    for (const source of copied) expect(ignored, source).not.toContain(source);
  });

  it("when its build steps run as a script, the result answers a question as an unprivileged user", () => {
    const shims = path.join(scratch, "shims");
    mkdirSync(shims);
    const npm = spawnSync("bash", ["-c", "command -v npm"], { encoding: "utf8" }).stdout.trim();
    // System packages are the base image's business; the npm cache is this machine's, so it is kept.
    // `npm ci` runs without install scripts: the one that matters, better-sqlite3's native build,
    // is taken from this checkout below. chown's user `node` is nobody (65534) here.
    writeFileSync(path.join(shims, "apt-get"), "#!/bin/sh\nexit 0\n", { mode: 0o755 });
    writeFileSync(
      path.join(shims, "npm"),
      `#!/bin/sh\nif [ "$1" = cache ]; then exit 0; fi\nif [ "$1" = ci ]; then exec "${npm}" "$@" --ignore-scripts --prefer-offline; fi\nexec "${npm}" "$@"\n`,
      { mode: 0o755 },
    );
    writeFileSync(path.join(shims, "chown"), '#!/bin/sh\nexec /bin/chown 65534:65534 "$2"\n', {
      mode: 0o755,
    });

    const dirs = new Map<string, string>();
    let dir = "";
    for (const [index, step] of dockerfile.entries()) {
      if (step.keyword === "FROM") {
        dir = path.join(scratch, `stage-${index}`);
        mkdirSync(dir);
        dirs.set(step.args.split(/\s+AS\s+/i)[1] ?? "final", dir);
      } else if (step.keyword === "WORKDIR") {
        expect(step.args).toBe("/app");
      } else if (step.keyword === "COPY") {
        const words = step.args.split(/\s+/);
        const from = words[0]?.startsWith("--from=") ? dirs.get(words.shift()?.slice(7) ?? "") : undefined;
        const target = path.join(dir, words.pop() ?? "");
        for (const source of words) {
          const origin = from
            ? path.join(from, source.replace(/^\/app\//, ""))
            : path.join(REPO_ROOT, source);
          const into =
            target.endsWith("/") || words.length > 1 ? path.join(target, path.basename(source)) : target;
          // From an earlier stage, which nothing reads again, the files are moved rather than copied.
          if (from) renameSync(origin, into);
          else cpSync(origin, into, { recursive: true });
        }
      } else if (step.keyword === "RUN") {
        const ran = spawnSync("bash", ["-ec", step.args], {
          cwd: dir,
          env: { PATH: `${shims}:${process.env.PATH}`, HOME: process.env.HOME ?? scratch },
          encoding: "utf8",
          timeout: 120_000,
        });
        expect(ran.status, `RUN ${step.args}\n${ran.stderr}`).toBe(0);
        if (/\bnpm ci\b/.test(step.args))
          cpSync(
            path.join(REPO_ROOT, "node_modules/better-sqlite3/build"),
            path.join(dir, "node_modules/better-sqlite3/build"),
            { recursive: true },
          );
      }
    }
    const app = dirs.get("final") as string;
    expect(existsSync(path.join(app, "node_modules/vitest"))).toBe(false);
    expect(existsSync(path.join(app, "node_modules/tsx"))).toBe(true);

    const cmd = JSON.parse(final.find((step) => step.keyword === "CMD")?.args ?? "[]") as string[];
    const env = Object.fromEntries(
      final.filter((step) => step.keyword === "ENV").map((step) => step.args.split("=") as [string, string]),
    );
    const asNode =
      process.getuid?.() === 0 ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : [];
    const [program, ...args] = [...asNode, ...cmd, "--execute", "is the kyiv embassy open"];
    const started = spawnSync(program as string, args, {
      cwd: app,
      env: { PATH: process.env.PATH ?? "", HOME: "/nonexistent", ...env },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(started.stderr).not.toMatch(/"level":50|failed/);
    expect(started.stdout).toMatch(/^No\. The US Embassy in Kyiv was closed as of 20 Nov 2024/);
    expect(started.status).toBe(0);
    expect(existsSync(path.join(app, "data/briefbot.db"))).toBe(true);
  }, 120_000);
});
