// Reading article pages on reader threads. Building a page's DOM and running Readability over it is
// the largest cost of intake and nearly all of its garbage; on the main thread it competed with
// answering commands and grew the bot's heap to hundreds of megabytes on a busy pass. Reader threads
// (./reader-worker.ts) use the other cores, each in a small capped heap; a page that hangs or blows
// that heap costs one read (the item falls back to its feed content) and a fresh thread, never the bot.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../../log.ts';
import type { PageRequest, PageResult } from './read-page.ts';
import type { ReadDone, ReadJob } from './reader-worker.ts';

export interface ArticleReader {
  /**
   * The page's article, else the feed item's when one is given; none when neither holds one, or when
   * reading the page cost its thread (the caller may ask again without the page). With `propose`, its
   * draft proposal.
   */
  read(page: PageRequest): Promise<PageResult>;
  close(): Promise<void>;
}

/**
 * Reading on the calling thread: for one-off imports and tests, where a thread would only cost. The
 * reader's modules (linkedom, Readability, chrono, franc: ~10 MB of heap) load on the first read, so
 * a bot whose pages are all read on threads never holds them on its main thread.
 */
export const readInThread: ArticleReader = {
  read: async (page) => (await import('./read-page.ts')).readPage(page),
  close: async () => undefined,
};

export interface ReaderPoolOptions {
  /** Reader threads; by default two, or one on a single core (see DEFAULT_THREADS). */
  threads?: number;
  /** A page taking longer is given up and its thread replaced. */
  timeoutMs?: number;
  /** Each thread's heap cap, in MB. */
  heapMb?: number;
  /** Told when threads cannot start and pages are read on the main thread instead. */
  log?: Pick<Logger, 'warn'>;
}

/**
 * Reading a page costs about twice the main thread's work for it (fetching, the same-story index,
 * SQLite), so two readers keep pace with one main thread and a third would mostly wait. On two cores
 * the three threads share them: on the 2-core bench machine two readers read 10–25% more articles a
 * second than one, which had left a fifth of the CPU idle.
 */
const DEFAULT_THREADS = Math.min(2, availableParallelism());

/** Long enough for a thread to load its modules on a busy machine (from source, through tsx). */
const BOOT_TIMEOUT_MS = 30_000;
/** Jobs sent to a thread ahead of its answers, so it never waits for a busy main thread to send more. */
const IN_FLIGHT = 2;

interface Job extends ReadJob {
  resolve(result: PageResult): void;
}

interface Thread {
  worker: Worker;
  /** Sent, unanswered, in the order the thread reads them. */
  jobs: Job[];
  timer?: NodeJS.Timeout;
  /** Its module loaded: from here on, a failure is a page's doing, not the thread's. */
  ready: boolean;
  /** The version of the alias index it has been sent (it keeps the matcher of the last one). */
  trackedVersion?: number;
}

/**
 * Loads the thread's module; a TypeScript one (tests, benchmarks run from source) through tsx, which is
 * there whenever the sources are.
 */
const BOOT = `
const { workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
(async () => {
  if (workerData.entry.endsWith('.ts')) {
    // tsx's ES-module API, found through its package.json (require() would resolve the CommonJS one).
    const req = createRequire(workerData.entry);
    const pkg = req.resolve('tsx/package.json');
    const api = join(dirname(pkg), req(pkg).exports['./esm/api'].import.default);
    (await import(pathToFileURL(api).href)).register();
  }
  await import(workerData.entry);
})();
`;

/** The thread's module: beside this one in the sources; in a build, an entry of its own (scripts/build.js). */
function workerEntry(): string {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return new URL('./reader-worker.ts', here).href;
  const dist = here.lastIndexOf('/dist/src/');
  return `${here.slice(0, dist)}/dist/src/intake/article/reader-worker.js`;
}

export class ReaderPool implements ArticleReader {
  private readonly threads: Thread[] = [];
  private readonly queue: Job[] = [];
  private readonly size: number;
  private readonly timeoutMs: number;
  private readonly heapMb: number;
  private readonly log: ReaderPoolOptions['log'];
  private nextId = 1;
  private closed = false;
  /** Threads given up on (a page hung or crashed one) and replaced. */
  replaced = 0;
  /** Set when a thread fails before it is ready: threads cannot start here, so pages are read on this one. */
  broken = false;

  constructor(opts: ReaderPoolOptions = {}) {
    this.size = Math.max(1, opts.threads ?? DEFAULT_THREADS);
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.heapMb = opts.heapMb ?? 64;
    this.log = opts.log;
  }

  read(page: PageRequest): Promise<PageResult> {
    if (this.closed || this.broken) return readInThread.read(page);
    return new Promise((resolve) => {
      this.queue.push({ ...page, id: this.nextId++, resolve });
      this.dispatch();
    });
  }

  /** Stops the threads; reads still waiting or under way get no article (callers fall back to feed text). */
  async close(): Promise<void> {
    this.closed = true;
    const threads = this.threads.splice(0);
    for (const job of [...threads.flatMap((t) => t.jobs.splice(0)), ...this.queue.splice(0)]) job.resolve({});
    await Promise.all(threads.map((t) => this.stop(t)));
  }

  private dispatch(): void {
    while (this.threads.length < this.size && this.queue.length > 0) this.threads.push(this.spawn());
    while (this.queue.length > 0) {
      let idlest: Thread | undefined;
      for (const t of this.threads) if (t.jobs.length < IN_FLIGHT && (!idlest || t.jobs.length < idlest.jobs.length)) idlest = t;
      if (!idlest) return;
      const job = this.queue.shift()!;
      idlest.jobs.push(job);
      idlest.worker.postMessage({
        id: job.id,
        html: job.html,
        url: job.url,
        feed: job.feed,
        propose: this.proposeFor(idlest, job),
      } satisfies ReadJob);
      if (idlest.jobs.length === 1) this.arm(idlest);
    }
  }

  /** The job's proposing request, its alias index cut to the version when the thread has it already. */
  private proposeFor(thread: Thread, job: Job): ReadJob['propose'] {
    const p = job.propose;
    if (!p) return undefined;
    const { version } = p.tracked;
    if (thread.trackedVersion === version) return { ...p, tracked: { version } };
    thread.trackedVersion = version;
    return p;
  }

  private spawn(): Thread {
    const worker = new Worker(BOOT, {
      eval: true,
      workerData: { entry: workerEntry() },
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb, maxYoungGenerationSizeMb: Math.max(4, this.heapMb / 8) },
    });
    const thread: Thread = { worker, jobs: [], ready: false };
    // An idle thread must not keep a finished program alive; a busy one must.
    worker.unref();
    worker.on('message', (done: ReadDone | 'ready') => this.answered(thread, done));
    worker.on('error', () => this.failed(thread));
    worker.on('exit', () => this.failed(thread));
    return thread;
  }

  private answered(thread: Thread, done: ReadDone | 'ready'): void {
    if (done === 'ready') {
      thread.ready = true;
      // Pages are timed from here: starting a thread is not the first page's doing.
      this.arm(thread);
      return;
    }
    const i = thread.jobs.findIndex((j) => j.id === done.id);
    if (i < 0) return;
    const [job] = thread.jobs.splice(i, 1);
    job!.resolve({ article: done.article, proposal: done.proposal });
    this.arm(thread);
    this.dispatch();
  }

  /** Times the thread's current page (the first it holds); holds the program open while it works. */
  private arm(thread: Thread): void {
    clearTimeout(thread.timer);
    thread.timer = undefined;
    if (thread.jobs.length === 0) {
      thread.worker.unref();
      return;
    }
    thread.worker.ref();
    thread.timer = setTimeout(() => this.failed(thread), thread.ready ? this.timeoutMs : Math.max(BOOT_TIMEOUT_MS, this.timeoutMs));
  }

  /**
   * A thread that hung, crashed or ran out of heap: the page it was reading gets no article, the
   * others it held go back to the front of the queue, and a new thread takes its place.
   */
  private failed(thread: Thread): void {
    const at = this.threads.indexOf(thread);
    if (at < 0) return;
    this.threads.splice(at, 1);
    clearTimeout(thread.timer);
    const [reading, ...waiting] = thread.jobs.splice(0);
    void this.stop(thread);
    if (!thread.ready && !this.broken) {
      this.broken = true;
      this.log?.warn('intake: reader threads cannot start here; pages are read on the main thread');
    }
    if (this.broken) {
      // Threads cannot start here (no module, no memory): everything is read on this thread instead.
      for (const job of [reading, ...waiting, ...this.queue.splice(0)]) if (job) void readInThread.read(job).then(job.resolve);
      return;
    }
    this.replaced++;
    reading?.resolve({});
    this.queue.unshift(...waiting);
    this.dispatch();
  }

  private async stop(thread: Thread): Promise<void> {
    clearTimeout(thread.timer);
    thread.worker.removeAllListeners();
    // A listener-less worker that errors while stopping must not become an uncaught 'error' event.
    thread.worker.on('error', () => undefined);
    await thread.worker.terminate();
  }
}
