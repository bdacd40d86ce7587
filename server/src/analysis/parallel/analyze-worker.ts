/**
 * A worker thread of analyze-parallel.ts: one FileShard, the two passes on request.
 */
import { parentPort } from 'node:worker_threads';
import { resolveProfile } from '../../../../engine/src/index.js';
import { loadBuildLayouts } from '../c-layouts/build-layouts.js';
import { FileShard } from '../file-shard.js';
import { WorkspaceIndex } from '../workspace-index.js';
import type { FromWorker, ToWorker } from './messages.js';

const port = parentPort;
if (!port) throw new Error('analyze-worker.js runs only as a worker thread');
const shard = await FileShard.create();

port.on('message', (message: ToWorker) => {
  let reply: FromWorker;
  try {
    if (message.type === 'index') {
      const { items, skipped } = shard.indexFiles(message.files);
      const contextItems = shard.indexFiles(message.context, { analyze: false }).items;
      reply = { type: 'indexed', items, contextItems, skipped };
    } else {
      const index = new WorkspaceIndex();
      for (const [file, items] of message.items) index.setFile(file, items);
      const o = message.options;
      const { sites, diagnostics, skipped } = shard.analyzeAll(index, {
        profile: resolveProfile(o.profileName, o.profileOptions),
        includeDoc: o.includeDoc,
        ...(o.kernel !== undefined ? { kernel: o.kernel } : {}),
        ...(o.userSizes ? { userSizes: o.userSizes } : {}),
        ...(o.buildDir !== undefined ? { cLayouts: loadBuildLayouts(o.buildDir, shard.parser) } : {}),
        ...(o.diagnostics ? { diagnostics: o.diagnostics } : {}),
      });
      reply = { type: 'analyzed', sites, diagnostics, skipped };
      shard.dispose();
    }
  } catch (error) {
    reply = { type: 'error', message: (error as Error).stack ?? String(error) };
  }
  port.postMessage(reply);
});
