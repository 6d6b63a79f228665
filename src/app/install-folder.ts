import type { CheckUse } from '../core/checks/check.js';
import { judgeInstallFolder, type InstallFolderFact } from '../core/plan/install-folder.js';
import type { InstallFolder } from '../core/stack.js';
import type { HostFiles } from '../io/host-files.js';
import { absolute } from './paths.js';

/** Whether the install folder exists and which of the files it must hold are not there (a symbolic link to one counts). */
export async function inspectInstallFolder(files: HostFiles, dir: string, spec: InstallFolder): Promise<InstallFolderFact> {
  const at = async (path: string) => {
    try {
      return (await files.read(path)).kind;
    } catch (error) {
      // A file where a folder should be: nothing can be inside it.
      if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return 'missing';
      throw error;
    }
  };
  const kinds = await Promise.all(spec.contains.map((name) => at(absolute(dir, name))));
  const missing = spec.contains.filter((_, i) => kinds[i] !== 'file' && kinds[i] !== 'symlink');
  return { exists: (await at(dir)) !== 'missing', missing };
}

/** doctor's (and the preflight's) install-folder check: the same finding that stops plan and apply. */
export const installFolderCheck = (files: HostFiles, dir: string, spec: InstallFolder): CheckUse => ({
  name: 'install-folder',
  title: 'Install folder',
  run: async () => judgeInstallFolder(spec, dir, await inspectInstallFolder(files, dir, spec)),
});
