import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import type { BlockDevice } from '../../app/ports.js';
import { Select, type SelectItem } from './Select.js';
import { Spinner } from './Spinner.js';
import { TextInput } from './TextInput.js';
import { useUi } from './ui-context.js';
import { displayWidth, padDisplay } from './wrap-text.js';

export interface DeviceFieldProps {
  readonly suggested: string | undefined;
  readonly isActive: boolean;
  readonly listDevices: () => Promise<readonly BlockDevice[]>;
  readonly onValue: (path: string) => void;
  readonly onText: (text: string) => void;
  /** The highlight moved or the typed path changed: the problem with the last answer no longer applies. */
  readonly onChange: () => void;
  readonly onBack: () => void;
  readonly onHelp: () => void;
}

type Listing = { readonly kind: 'loading' } | { readonly kind: 'listed'; readonly devices: readonly BlockDevice[] } | { readonly kind: 'failed'; readonly message: string };

/** What is on a device, in words: where it is mounted and its file system. */
export function describeDevice(d: BlockDevice): string {
  const fs = d.filesystem === undefined ? 'no file system' : d.filesystem;
  return d.mounted === undefined ? `not mounted, ${fs}` : `mounted at ${d.mounted}, ${fs}`;
}

/**
 * A device question: the machine's block devices (asked for only when this question is on screen), each
 * with its size, model and what is on it. With none listed, the path is typed instead.
 *
 * @example
 * ```
 * › /dev/sdb  500G  Samsung SSD 860  not mounted, no file system
 *   /dev/sda  120G  QEMU HARDDISK    mounted at /, ext4
 * ```
 */
export function DeviceField({ suggested, isActive, listDevices, onValue, onText, onChange, onBack, onHelp }: DeviceFieldProps) {
  const { theme } = useUi();
  const [listing, setListing] = useState<Listing>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    listDevices().then(
      (devices) => live && setListing({ kind: 'listed', devices }),
      (error: unknown) => live && setListing({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [listDevices]);

  if (listing.kind === 'loading') {
    return (
      <Text>
        <Spinner /> Looking for disks{theme.glyphs.ellipsis}
      </Text>
    );
  }
  if (listing.kind === 'failed' || listing.devices.length === 0) {
    return (
      <Box flexDirection="column">
        <Text color={theme.tone('warn')}>{theme.plain(listing.kind === 'failed' ? `${theme.glyphs.warning} Could not list the disks (${listing.message}): type the device's path.` : `${theme.glyphs.warning} No disks found: type the device's path.`)}</Text>
        <Box>
          <Box flexShrink={0} width={theme.glyphs.pointer.length + 1}>
            <Text color={theme.tone('accent')}>{theme.glyphs.pointer}</Text>
          </Box>
          <TextInput initial={suggested ?? ''} isActive={isActive} onSubmit={onText} onEscape={onBack} onHelp={onHelp} onChange={(s, before) => s.value !== before.value && onChange()} />
        </Box>
      </Box>
    );
  }
  const width = (pick: (d: BlockDevice) => string) => Math.max(...listing.devices.map((d) => displayWidth(pick(d))));
  const [wPath, wSize, wModel] = [width((d) => d.path), width((d) => d.size), width((d) => d.model)];
  const items: SelectItem<string>[] = listing.devices.map((d) => ({
    key: d.path,
    label: `${padDisplay(d.path, wPath)}  ${padDisplay(d.size, wSize)}  ${padDisplay(d.model, wModel)}  ${describeDevice(d)}`,
    data: d.path,
  }));
  const initial = items.findIndex((i) => i.data === suggested);
  return <Select items={items} initialIndex={initial < 0 ? 0 : initial} isActive={isActive} onSelect={(i) => onValue(i.data)} onHighlight={onChange} onEscape={onBack} onHelp={onHelp} />;
}
