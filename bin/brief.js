#!/usr/bin/env node
// `npx brief …` and an installed `brief`: the command line, run from its compiled JavaScript (see compiled.js).
import { importCompiled } from "./compiled.js";

await importCompiled("src/cli/main.ts", "brief");
