// Worker bootstrap: workers do not inherit the main thread's TypeScript loader, so register tsx here
// and then import the TypeScript entry named in workerData.entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
