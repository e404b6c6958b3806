// The coordinator service: a thin shell over `qprune serve coordinator` (src/cluster/service.ts, src/cluster/coordinator.ts). pm2 runs
// it (deploy/ecosystem.config.cjs); arguments pass through, e.g. --nats nats://127.0.0.1:4222.
import { main } from '../../src/cli/main.js';

process.exitCode = await main(['serve', 'coordinator', ...process.argv.slice(2)]);
