// Registers every contract channel on ipcMain through one wrapper: the sender must be the app's own
// top-level frame, then the shared dispatch validates and runs the call. Anything else is refused.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNELS } from '../../shared/channels.ts';
import { fail } from '../../shared/result.ts';
import type { Dispatch } from './dispatch.ts';

export function registerIpc(ipcMain: IpcMain, dispatch: Dispatch, isTrustedSender: (event: IpcMainInvokeEvent) => boolean): void {
  for (const channel of Object.keys(CHANNELS)) {
    ipcMain.handle(channel, (event, input: unknown) => {
      if (!isTrustedSender(event)) return fail('FORBIDDEN', `IPC call to ${channel} from an untrusted frame was refused.`);
      return dispatch(channel, input);
    });
  }
}
