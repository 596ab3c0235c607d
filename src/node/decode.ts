// Text from a repository (commit messages, decision records) is nearly always UTF-8; old
// repositories carry Latin-1 / Windows-1252 bytes.

/** Strict UTF-8: throws on bytes that are not UTF-8, so the caller can fall back to Windows-1252. */
export const utf8 = new TextDecoder('utf-8', { fatal: true });

// Windows-1252's 0x80–0x9F (€, curly quotes, dashes, …). Our own table: Node ≥ 20.18.3's
// TextDecoder('windows-1252') decodes these bytes as Latin-1 C1 controls. The five bytes
// Windows-1252 leaves undefined keep their Latin-1 code points, as the WHATWG encoding does.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** Decodes Windows-1252 bytes (a superset of Latin-1's printable characters). */
export function decodeCp1252(bytes: Uint8Array): string {
  let out = '';
  for (let start = 0; start < bytes.length; start += 8192) {
    const codes = Array.from(bytes.subarray(start, start + 8192), (byte) =>
      byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80] : byte,
    );
    out += String.fromCharCode(...codes);
  }
  return out;
}

/** UTF-8 when the bytes are UTF-8, else Windows-1252: old repositories carry Latin-1 messages. */
export function decode(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return decodeCp1252(bytes);
  }
}

/** UTF-8 text as a string; anything else as Windows-1252, said so (the docs index reports `not-utf8`). */
export function decodeReported(bytes: Uint8Array): string | { text: string; encoding: 'windows-1252' } {
  try {
    return utf8.decode(bytes);
  } catch {
    return { text: decodeCp1252(bytes), encoding: 'windows-1252' };
  }
}
