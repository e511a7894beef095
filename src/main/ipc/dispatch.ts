// The single path every call takes, in Electron (ipcMain) and in browser mode (the bridge):
// known channel → zod validation → handler → Result. Nothing thrown escapes: exceptions become
// typed errors, so a bad call can never crash the window or the process.
import type { z } from 'zod';
import { isChannel, type Channel } from '../../shared/channels.ts';
import { inputSchemas, type Handlers } from '../../shared/contract.ts';
import { fail, ok, type Result } from '../../shared/result.ts';
import { toErrorInfo } from '../errors.ts';

export type Dispatch = (channel: string, input: unknown) => Promise<Result<unknown>>;

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ');
}

export function createDispatch(handlers: Handlers): Dispatch {
  return async (channel, input) => {
    if (!isChannel(channel)) return fail('INVALID_INPUT', `Unknown channel '${String(channel).slice(0, 100)}'.`);
    const parsed = inputSchemas[channel].safeParse(input);
    if (!parsed.success) return fail('INVALID_INPUT', `Invalid arguments for ${channel}: ${describeIssues(parsed.error)}.`, { channel });
    try {
      const handler = handlers[channel as Channel] as (input: unknown) => unknown;
      return ok(await handler(parsed.data));
    } catch (error) {
      return { ok: false, error: toErrorInfo(error) };
    }
  };
}
