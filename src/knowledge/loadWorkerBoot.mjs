// The knowledge loader's thread starts here: TypeScript is compiled as it is imported, as on the main thread.
import { register } from "tsx/esm/api";

register();
await import("./loadWorker.ts");
