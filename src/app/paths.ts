/** A stack's file path, absolute: relative ones are inside the install folder. */
export const absolute = (dir: string, path: string): string => (path.startsWith('/') ? path : `${dir.replace(/\/$/, '')}/${path}`);

/** The command that continues the last bootstrap in DIR, as every outcome and message names it. */
export const resumeCommand = (dir: string): string => `fieldstation resume --dir ${dir}`;
