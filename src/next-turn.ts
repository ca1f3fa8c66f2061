/**
 * A trigger that runs `fn` once on the next turn of the event loop, however often it is pulled until then. This is
 * how the dispatcher, the jobs runner, the delivery thread and the group commit turn many small events (responses,
 * wake-ups, finished jobs, transactions) into one claim, one message or one commit.
 */
export function oncePerTurn(fn: () => void): () => void {
  let scheduled = false;
  return () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      fn();
    });
  };
}
