import { promises as fs } from 'node:fs';

/** Whether something is at the path (a broken link counts as nothing). */
export async function pathExists(path: string): Promise<boolean> {
  try {
    await fs.access(path);
    return true;
  } catch {
    return false;
  }
}
