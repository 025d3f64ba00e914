/** Why a page or feed was not read, in one line that names it and says what was wrong. */
export class FetchProblem extends Error {}

export interface FetchLimits {
  /** The whole exchange, headers and body, must end within this. */
  timeoutMs: number;
  /** A body longer than this is refused as it arrives, never read whole. */
  maxBytes: number;
  accept: string;
  /** Aborts the fetch when the caller stops (the bot shutting down), whatever the time limit. */
  stop?: AbortSignal;
}

/**
 * Fetches `url` with a time limit over the whole exchange and a size cap enforced while the body
 * streams in, so a server that trickles or sends gigabytes costs at most the limits. `label` names
 * the address in messages (without credentials). Refusals are `FetchProblem`s.
 */
export async function fetchLimited(
  url: string,
  label: string,
  limits: FetchLimits,
): Promise<{ bytes: Uint8Array; contentType: string }> {
  const timeout = AbortSignal.timeout(limits.timeoutMs);
  const signal = limits.stop ? AbortSignal.any([timeout, limits.stop]) : timeout;
  const seconds = `${Math.round(limits.timeoutMs / 100) / 10} s`;
  const tooBig = () =>
    new FetchProblem(`${label} is over the ${megabytes(limits.maxBytes)} limit; nothing was read from it`);
  const failed = (error: unknown) => {
    const name = (error as Error | null)?.name;
    if (limits.stop?.aborted) return new FetchProblem(`${label} was not read: the bot is stopping`);
    if (name === "TimeoutError" || (name === "AbortError" && timeout.aborted))
      return new FetchProblem(`${label} did not answer within ${seconds}`);
    const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
    return new FetchProblem(
      `${label} could not be reached${typeof code === "string" ? ` (${code})` : ""}; check the address`,
    );
  };
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: { accept: limits.accept }, redirect: "follow" });
  } catch (error) {
    throw failed(error);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    throw new FetchProblem(`${label} answered HTTP ${response.status}`);
  }
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > limits.maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooBig();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  try {
    while (reader) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limits.maxBytes) {
        await reader.cancel().catch(() => {});
        throw tooBig();
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof FetchProblem) throw error;
    throw failed(error);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return { bytes, contentType: response.headers.get("content-type") ?? "" };
}

function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${Math.round(bytes / 1024 / 102.4) / 10} MB`
    : `${Math.round(bytes / 1024)} KB`;
}

/**
 * An address as messages and logs show it: scheme, host and path, with any user name, password or
 * query (which may hold a key) left out.
 */
export function addressLabel(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}${parsed.search ? "?…" : ""}`;
  } catch {
    return "(an unreadable address)";
  }
}
