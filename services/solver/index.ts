// The solver service: a thin shell over `qprune serve solver` (src/cluster/service.ts). pm2 runs this file
// (deploy/ecosystem.config.cjs); arguments pass through, e.g. --nats nats://127.0.0.1:4222.
import { main } from '../../src/cli/main.js';

process.exitCode = await main(['serve', 'solver', ...process.argv.slice(2)]);
