/**
 * One size limit, in bytes, for every file the storage module writes and reads, so a file that
 * could be saved can always be read back. The HTTP body cap is the same number: a scenario is
 * written exactly as sent and a run record is sent compact, so a larger body could never be saved.
 */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_FILE_LABEL = '5 MiB';

/** What the Electron host writes to a file the user picked (an export), in bytes. */
export const MAX_EXPORT_BYTES = 50 * 1024 * 1024;
export const MAX_EXPORT_LABEL = '50 MiB';
