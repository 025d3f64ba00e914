#!/usr/bin/env node
// `npx brief …` and an installed `brief`: the command line, run from its TypeScript source by tsx.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
