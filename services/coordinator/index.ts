// The coordinator service: a thin shell over `qprune serve coordinator` (src/cli/serve.ts, src/cluster/service.ts).
// Run it as `node --import tsx services/coordinator/index.ts --nats URL`; pm2 (deploy/ecosystem.config.cjs)
// starts the same thing through `bin/qprune.js serve coordinator`. Arguments pass through.
import { main } from '../../src/cli/main.js';

process.exitCode = await main(['serve', 'coordinator', ...process.argv.slice(2)]);
