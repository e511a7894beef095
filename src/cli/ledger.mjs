#!/usr/bin/env node
// The `ledger` command as installed (package.json "bin"): plain JavaScript, so that Node's on-disk
// compile cache is on before the first TypeScript file loads. Running the .ts sources directly, Node
// strips their types with a WebAssembly compiler that it loads into every process and every worker
// thread, ~20 MB each plus what it grows to (measured: loading `ledger import`'s modules took RSS
// 43 -> 102 MB from source, 43 -> 70 MB from the cache). With the cache, a command run the second
// time onwards loads the stripped code from disk and never loads the compiler. The cache lives under
// the OS temp folder (NODE_COMPILE_CACHE overrides it, NODE_DISABLE_COMPILE_CACHE=1 turns it off),
// keyed by each file's contents, so an edited source is compiled afresh; if it cannot be written the
// command runs as before.
import module from 'node:module';

const cache = module.enableCompileCache?.();
// Worker threads (the import's parser, the read and check workers) take the cache from the environment.
if (cache?.directory && !process.env.NODE_COMPILE_CACHE) process.env.NODE_COMPILE_CACHE = cache.directory;

await import('./main.ts');
