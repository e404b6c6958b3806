// The scorer service: a thin shell over `qprune serve scorer` (src/cli/serve.ts, src/cluster/service.ts).
// Run it as `node --import tsx services/scorer/index.ts --nats URL`; pm2 (deploy/ecosystem.config.cjs)
// starts the same thing through `bin/qprune.js serve scorer`. Arguments pass through.
import { main } from '../../src/cli/main.js';

process.exitCode = await main(['serve', 'scorer', ...process.argv.slice(2)]);
