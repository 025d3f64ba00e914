import { readFileSync } from "node:fs";

/** A captured payload from tests/discord/fixtures, parsed fresh for each call so tests may change it. */
export function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8")) as T;
}
