// V8 settings of the processes that parse and check tables (the language server and the CLI); imported first.
// Without TurboFan's inlining a new process checks its first large file sooner: V8 optimises the same hot functions,
// but each one alone, and on a 2-core machine those compilations no longer crowd out the check itself (open of
// 2,000 三级指标 in a new server ≈ 440 → 345 ms; warm, edits of 10,000 are ≈ 10 % slower; bench/NOTES.md).
// The flag is read when a function is optimised, so setting it here, before any of that, is in time.
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--no-turbo-inlining');
