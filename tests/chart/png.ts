// PNG facts for the chart tests, read from the bytes: signature, size, chunk types.
export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function pngInfo(png: Uint8Array): { width: number; height: number; chunks: string[] } {
  const b = Buffer.from(png);
  if (!b.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG: bad signature');
  const chunks: string[] = [];
  for (let at = 8; at + 8 <= b.length; ) {
    const length = b.readUInt32BE(at);
    chunks.push(b.toString('latin1', at + 4, at + 8));
    at += 12 + length;
  }
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20), chunks };
}
