// Runs a function in a new task, right after the current one and before any timer: a message to
// ourselves. Unlike setTimeout it is not clamped or throttled, nor held by a faked clock.

export function nextTask(fn: () => void): void {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    fn();
  };
  channel.port2.postMessage(null);
}
