import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { openKnowledgeBaseReader } from '../../output/open.js';
import { CommandError } from '../command-error.js';
import { createExplorer } from './app.js';

/** A running explorer: where it listens, and how to stop it. */
export interface RunningExplorer {
  url: string;
  close(): Promise<void>;
}

/** Serves the explorer over a knowledge base opened read-only, on loopback unless `host` says otherwise. */
export async function serveExplorer(options: { db: string; host: string; port: number }): Promise<RunningExplorer> {
  const reader = await openKnowledgeBaseReader(options.db);
  await reader.assertQueryable();
  const server = createAdaptorServer({ fetch: createExplorer(reader).fetch });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => resolve());
    });
  } catch (error) {
    await reader.close();
    const code = (error as NodeJS.ErrnoException).code;
    throw new CommandError(
      code === 'EADDRINUSE'
        ? `port ${options.port} on ${options.host} is in use: choose another with --port`
        : `cannot listen on ${options.host}:${options.port}: ${(error as Error).message}`,
    );
  }
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}/`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await reader.close();
    },
  };
}
