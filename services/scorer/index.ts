// The scorer service: a thin shell over `qprune serve scorer` (src/cluster/service.ts). pm2 runs
// it (deploy/ecosystem.config.cjs); arguments pass through, e.g. --nats nats://127.0.0.1:4222.
import { main } from '../../src/cli/main.js';

process.exitCode = await main(['serve', 'scorer', ...process.argv.slice(2)]);
