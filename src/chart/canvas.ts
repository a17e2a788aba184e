// @napi-rs/canvas is a native module of tens of megabytes: it loads when the first chart is drawn, not
// with the command list, or every console and bot start would pay for it (about 100 ms).
import { createRequire } from 'node:module';

type Canvas = typeof import('@napi-rs/canvas');

let loaded: Canvas | undefined;

export function loadCanvas(): Canvas {
  loaded ??= createRequire(import.meta.url)('@napi-rs/canvas') as Canvas;
  return loaded;
}
