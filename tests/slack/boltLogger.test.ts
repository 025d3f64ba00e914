import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { boltLoggerFrom } from "../../adapters/slack/boltLogger.ts";
import { APP_TOKEN, BOT_TOKEN } from "./support/fakeSlack.ts";
import { fixture } from "./support/fixtures.ts";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: pino({ level: "debug" }, stream) };
}

describe("Bolt's logging through pino", () => {
  it("blanks the verification token Bolt logs with each request body at debug level", () => {
    const { lines, logger } = capture();
    const body = fixture<Record<string, string>>("slash-command.json");
    boltLoggerFrom(logger).debug(JSON.stringify(body));
    expect(lines.join("")).not.toContain(body.token);
    expect(lines.join("")).toContain("is the Kyiv embassy open");
  });

  it("blanks bot and app tokens and the Socket Mode ticket wherever they appear", () => {
    const { lines, logger } = capture();
    const bolt = boltLoggerFrom(logger);
    bolt.info(`token ${BOT_TOKEN}`, { appToken: APP_TOKEN });
    bolt.debug(
      'http request result: {"ok":true,"url":"wss://wss-primary.slack.com/link/?ticket=9f1c2a7b-77&app_id=A0KRD7HC3"}',
    );
    const out = lines.join("");
    expect(out).not.toContain(BOT_TOKEN.slice(5));
    expect(out).not.toContain(APP_TOKEN.slice(5));
    expect(out).not.toContain("9f1c2a7b-77");
    expect(out).toContain("ticket=[redacted]&app_id=A0KRD7HC3");
  });

  it("follows pino's level, so Bolt skips debug work when debug is off", () => {
    expect(boltLoggerFrom(pino({ level: "warn" })).getLevel()).toBe("warn");
    expect(boltLoggerFrom(pino({ level: "trace" })).getLevel()).toBe("debug");
    expect(boltLoggerFrom(pino({ level: "silent" })).getLevel()).toBe("error");
  });

  it("keeps the Web API client's warning for each failed try out of the log, so a failure is said once, by its caller", () => {
    const { lines, logger } = capture();
    const bolt = boltLoggerFrom(logger.child({}, { level: "info" }));
    bolt.warn("http request failed", "fetch failed");
    bolt.warn("something else went wrong");
    expect(lines.map((line) => JSON.parse(line).msg)).toEqual(["something else went wrong"]);
  });
});
