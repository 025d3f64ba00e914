import { type FSWatcher, watch } from "node:fs";

/** How long edits must settle before a reload, so a save that writes twice reloads once. */
const RELOAD_DEBOUNCE_MS = 250;

/**
 * Calls `onChange` once a burst of edits under `dir` has settled. A folder that cannot be
 * watched is reported to `onError`; the bot then still reloads on SIGHUP.
 */
export function watchKnowledge(
  dir: string,
  onChange: () => void,
  onError: (error: unknown) => void = () => {},
): { close(): void } {
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dir, () => {
      clearTimeout(timer);
      timer = setTimeout(onChange, RELOAD_DEBOUNCE_MS);
    });
    watcher.on("error", onError);
  } catch (error) {
    onError(error);
  }
  return {
    close() {
      clearTimeout(timer);
      watcher?.close();
    },
  };
}
