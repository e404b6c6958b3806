// The evaluator service: a thin shell over `qprune serve evaluator` (src/cli/serve.ts, src/cluster/service.ts).
// Run it as `node --import tsx services/evaluator/index.ts --nats URL`; pm2 (deploy/ecosystem.config.cjs)
// starts the same thing through `bin/qprune.js serve evaluator`. Arguments pass through.
import { main } from '../../src/cli/main.js';

process.exitCode = await main(['serve', 'evaluator', ...process.argv.slice(2)]);
