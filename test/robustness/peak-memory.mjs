// Runs the jxmb CLI (bin/jxmb.js) in this process and, on exit, writes the process's peak resident memory (KiB)
// to the file named by JXMB_PEAK_RSS_FILE: the robustness tests bound the CLI's memory without /usr/bin/time.
import { writeFileSync } from 'node:fs';

const out = process.env.JXMB_PEAK_RSS_FILE;
if (out) process.on('exit', () => writeFileSync(out, String(process.resourceUsage().maxRSS)));
await import('../../bin/jxmb.js');
