import '../polyfill.js';
import '../v8-flags.js';
import { runCli } from './main.js';

// A reader that stops early (`jxmb check samples | head -1`) closes the pipe: that is no error of ours, so stop
// quietly instead of printing a stack trace for the write that follows.
for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
        throw error;
    });
}

runCli(process.argv.slice(2)).then(code => { process.exitCode = code; });
