/**
 * How large a write may be before it crosses IPC: the preload refuses it before sending (a
 * structured clone of a huge value would cost memory in both processes first) and main checks
 * again. Sizes are UTF-8 bytes against storage's one limit (host/storage/limits.ts). No zod and
 * no Node here: this runs in the sandboxed preload.
 */
import { MAX_EXPORT_BYTES, MAX_EXPORT_LABEL, MAX_FILE_BYTES, MAX_FILE_LABEL } from '../host/storage/limits';
import type { IpcMethod } from './ipc-channels';

/** The UTF-8 length of `text` (as Buffer.byteLength), without encoding it. */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next < 0xe000) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3; // the rest of the BMP; a lone surrogate is written as U+FFFD, 3 bytes
  }
  return bytes;
}

function textRejection(what: string, text: unknown, max: number, label: string): string | undefined {
  if (typeof text !== 'string') return undefined; // the schema in main says what is wrong
  const bytes = utf8Bytes(text);
  return bytes > max ? `${what} is larger than ${label} (${bytes} bytes); it was not sent.` : undefined;
}

function jsonRejection(what: string, value: unknown): string | undefined {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    return `${what} cannot be saved: ${(error as Error).message}.`;
  }
  return text === undefined ? undefined : textRejection(what, text, MAX_FILE_BYTES, MAX_FILE_LABEL);
}

/** Why a call of `method` with `args` is too large to send, or undefined when it may go. */
export function sizeRejection(method: IpcMethod, args: readonly unknown[]): string | undefined {
  switch (method) {
    case 'writeScenario':
      return textRejection('The scenario', args[1], MAX_FILE_BYTES, MAX_FILE_LABEL);
    case 'writeRun':
      return jsonRejection('The run record', args[1]);
    case 'saveFile':
      return textRejection('The file', args[1], MAX_EXPORT_BYTES, MAX_EXPORT_LABEL);
    default:
      return undefined;
  }
}
