// Posts a tick every n milliseconds (n > 0), or stops (0): worker timers escape most of the
// throttling of hidden pages.
let timer: ReturnType<typeof setInterval> | undefined;

self.onmessage = (event: MessageEvent<number>) => {
  clearInterval(timer);
  timer = event.data > 0 ? setInterval(() => self.postMessage(0), event.data) : undefined;
};
