export function findElectron(options?: { download?: boolean }): { binary?: string; reason?: string };
