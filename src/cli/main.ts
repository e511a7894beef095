#!/usr/bin/env node
// Entry point of the `ledger` command (Node >= 22.12 runs this TypeScript directly).
import { processIo } from './io.ts';
import { runCli } from './run.ts';

process.exitCode = await runCli(process.argv.slice(2), processIo());
