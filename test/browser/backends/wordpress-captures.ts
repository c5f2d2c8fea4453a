/**
 * The recorded WordPress exchanges of fixtures/wordpress/, loaded once
 * with the real fetch (before any test stubs it), and turned back into the
 * `Response` objects the browser would have handed over.
 */

export interface Capture {
  name: string;
  request: { method: string; url: string };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- recorded JSON of many shapes, read freely by the tests
  response: { status: number; headers: Record<string, string>; body: any };
}

const realFetch = globalThis.fetch.bind(globalThis);

export async function loadCapture(name: string): Promise<Capture> {
  const response = await realFetch(new URL(`../../../fixtures/wordpress/${name}.json`, import.meta.url));
  if (!response.ok) throw new Error(`missing capture ${name}`);
  return (await response.json()) as Capture;
}

/** The capture as a fresh `Response`; `body` replaces the recorded body (for a derived case). */
export function replayResponse(capture: Capture, body: unknown = capture.response.body): Response {
  const headers = { ...capture.response.headers };
  // The bodies were re-printed: their recorded lengths no longer hold.
  delete headers['content-length'];
  delete headers['transfer-encoding'];
  return new Response(JSON.stringify(body), { status: capture.response.status, headers });
}
