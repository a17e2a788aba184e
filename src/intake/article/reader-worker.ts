// A reader thread of the ReaderPool (./reader-pool.ts): pages in, article text and proposals out, one at a time.
// Building a page's DOM is most of what reading costs and most of what it allocates; here it runs
// beside the main thread, in a heap of its own that is capped, so a huge or hostile page costs this
// thread (which the pool replaces), never the bot.
import { parentPort } from 'node:worker_threads';
import { type PageRequest, type PageResult, readPage } from './read-page.ts';

export interface ReadJob extends PageRequest {
  id: number;
}

export interface ReadDone extends PageResult {
  id: number;
}

parentPort?.on('message', (job: ReadJob) => {
  const done: ReadDone = { id: job.id, ...readPage(job) };
  parentPort?.postMessage(done);
});
// Loaded: the pool can tell a thread that cannot start from a page that kills one.
parentPort?.postMessage('ready');
