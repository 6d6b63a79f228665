/** A stack's file path, absolute: relative ones are inside the install folder. */
export const absolute = (dir: string, path: string): string => (path.startsWith('/') ? path : `${dir.replace(/\/$/, '')}/${path}`);
