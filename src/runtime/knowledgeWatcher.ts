import { type FSWatcher, watch } from "node:fs";

/** How long edits must settle before a reload, so a save that writes twice reloads once. */
const RELOAD_DEBOUNCE_MS = 250;

/** Calls `onChange` once a burst of edits under `dir` has settled. */
export function watchKnowledge(dir: string, onChange: () => void): { close(): void } {
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dir, () => {
      clearTimeout(timer);
      timer = setTimeout(onChange, RELOAD_DEBOUNCE_MS);
    });
  } catch {
    watcher = undefined;
  }
  return {
    close() {
      clearTimeout(timer);
      watcher?.close();
    },
  };
}
