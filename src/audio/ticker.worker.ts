// Posts a tick every n milliseconds: worker timers escape most of the throttling of hidden pages.
let timer: ReturnType<typeof setInterval> | undefined;

self.onmessage = (event: MessageEvent<number>) => {
  clearInterval(timer);
  timer = setInterval(() => self.postMessage(0), event.data);
};
