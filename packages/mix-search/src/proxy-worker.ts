// A proxy worker process: trains the proxies its parent sends, one at a time, through the trainer's
// API. A process of its own (not a worker thread) because TensorFlow's native thread pools are fixed
// per process when it starts: two processes of one thread each train two proxies at once.
import { runProxy, type ProxyJob } from './proxy-run.js';

type Request = { job: ProxyJob } | { exit: true };

// The parent gone (killed: a search is resumable) means nobody will read this proxy's result; a
// finished proxy's result.json is already in place, an unfinished one continues from its checkpoint.
process.on('disconnect', () => process.exit(0));

process.on('message', (message: Request) => {
  if ('exit' in message) {
    process.disconnect();
    return;
  }
  const { job } = message;
  runProxy(job).then(
    (result) => process.send!({ index: job.index, result }),
    (err: unknown) => process.send!({ index: job.index, error: err instanceof Error ? err.message : String(err) }),
  );
});
