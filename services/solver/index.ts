// The solver service: a thin shell over `qprune serve solver` (src/cli/serve.ts, src/cluster/service.ts).
// Run it as `node --import tsx services/solver/index.ts --nats URL`; pm2 (deploy/ecosystem.config.cjs)
// starts the same thing through `bin/qprune.js serve solver`. Arguments pass through.
import { main } from '../../src/cli/main.js';

process.exitCode = await main(['serve', 'solver', ...process.argv.slice(2)]);
