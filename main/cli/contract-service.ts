// The entry of the SSE contract-test service (`npm run contract-service -- --port <n>`): parses the
// port, starts the service on 127.0.0.1 and prints its URL; `DELETE /` (the harness's
// --stop-service-at-end) or Ctrl-C stops it. The port defaults to 8000, the port LaunchDarkly's
// own test services use, so the harness runs with `-url http://localhost:8000`; 0 picks a free one.

import { Command, InvalidArgumentError } from 'commander';
import { startContractService } from '../conformance/service-server.ts';
import { messageOf } from '../common/error-message.ts';

export const DEFAULT_PORT = 8000;

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) throw new InvalidArgumentError('expected a port number from 0 to 65535');
  return port;
}

const program = new Command('contract-service')
  .description('Serve the SSE contract-test protocol (launchdarkly/sse-contract-tests) for the SSE Scope engine, on 127.0.0.1.')
  .option('--port <n>', 'port to listen on (0: any free port)', parsePort, DEFAULT_PORT)
  .option('--quiet', 'do not log client activity to stderr')
  .parse(process.argv);

const { port, quiet } = program.opts<{ port: number; quiet?: boolean }>();

try {
  const service = await startContractService({
    port,
    log: quiet ? () => {} : (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`SSE contract-test service listening on ${service.url}\n`);
  const stop = () => void service.stop();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await service.stopped;
  // Open keep-alive sockets of the HTTP clients must not keep a stopped service alive.
  process.exit(0);
} catch (error) {
  process.stderr.write(`contract-service: ${messageOf(error)}\n`);
  process.exit(1);
}
