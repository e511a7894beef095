// The single path every call takes, in Electron (ipcMain) and in browser mode (the bridge):
// known channel → zod validation → handler → Result. Nothing thrown escapes: exceptions become
// typed errors, so a bad call can never crash the window or the process.
import { isChannel, type Channel } from '../../shared/channels.ts';
import { inputSchemas, type Handlers } from '../../shared/contract.ts';
import { fail, ok, type Result } from '../../shared/result.ts';
import { toErrorInfo } from '../errors.ts';
import { describeIssues } from './issueSentences.ts';

export type Dispatch = (channel: string, input: unknown) => Promise<Result<unknown>>;

export function createDispatch(handlers: Handlers): Dispatch {
  return async (channel, input) => {
    if (!isChannel(channel)) return fail('INVALID_INPUT', `Unknown channel '${String(channel).slice(0, 100)}'.`);
    const parsed = inputSchemas[channel].safeParse(input);
    if (!parsed.success) {
      const { message, fields } = describeIssues(parsed.error);
      return fail('INVALID_INPUT', message, { channel, fields });
    }
    try {
      const handler = handlers[channel as Channel] as (input: unknown) => unknown;
      return ok(await handler(parsed.data));
    } catch (error) {
      return { ok: false, error: toErrorInfo(error) };
    }
  };
}
