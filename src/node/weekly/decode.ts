// Commit messages are nearly always UTF-8; old repositories carry Latin-1 / Windows-1252 bytes.

/** UTF-8 when the bytes are UTF-8, else Windows-1252: old repositories carry Latin-1 messages. */
export function decode(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return latin.decode(bytes);
  }
}
export const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin = new TextDecoder('windows-1252');
