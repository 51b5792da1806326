// Preloaded (node --require) into a measured child process: on exit, writes the process's
// resource usage (peak RSS, CPU time) as JSON to the file named by VOICE_BENCH_USAGE.
const { writeFileSync } = require('node:fs');
const file = process.env.VOICE_BENCH_USAGE;
if (file) {
    process.on('exit', () => {
        const usage = process.resourceUsage();
        writeFileSync(file, JSON.stringify({ maxRssKb: usage.maxRSS, userUs: usage.userCPUTime, systemUs: usage.systemCPUTime }));
    });
}
