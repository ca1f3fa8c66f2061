import { buildServer } from './lib/cargolint.js';
import { installCleanup, stopAll } from './lib/procs.js';
import { runUploadFloor } from './scenarios/upload-floor.js';
installCleanup();
await buildServer();
const r = await runUploadFloor({ dialect: 'postgres', workers: 2, uploads: 2500, concurrency: 16, cpuProfileDir: '/tmp/floorprof' });
console.log(JSON.stringify(r));
await stopAll();
process.exit(0);
