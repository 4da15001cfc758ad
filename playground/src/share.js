// The playground's whole state in the URL fragment: JSON, deflate-raw, base64url.

const PREFIX = "#s=";

async function pipe(bytes, transform) {
  const stream = new Blob([bytes]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function toBase64Url(bytes) {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text) {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** The fragment (`#s=...`) that restores `state`. */
export async function encodeState(state) {
  const json = new TextEncoder().encode(JSON.stringify(state));
  return PREFIX + toBase64Url(await pipe(json, new CompressionStream("deflate-raw")));
}

/** The state a fragment holds, or null when it holds none (or is damaged). */
export async function decodeState(hash) {
  if (!hash.startsWith(PREFIX)) return null;
  try {
    const json = await pipe(fromBase64Url(hash.slice(PREFIX.length)), new DecompressionStream("deflate-raw"));
    const state = JSON.parse(new TextDecoder().decode(json));
    return isState(state) ? state : null;
  } catch {
    return null;
  }
}

function isState(state) {
  return (
    Array.isArray(state?.files) &&
    state.files.every((file) => typeof file?.path === "string" && typeof file?.contents === "string")
  );
}
