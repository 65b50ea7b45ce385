// The lock screen and media notification: the current exercise and phase, with play, pause,
// next and previous wired to the run. Browsers show them only while a media element plays, so a
// silent loop plays alongside the workout (it also keeps phones from freezing the page).

export interface MediaControls {
  play(): void;
  pause(): void;
  next(): void;
  previous(): void;
}

const supported = () => typeof navigator !== 'undefined' && 'mediaSession' in navigator;

/** Wires the lock-screen buttons to the run; returns the unwiring. */
export function bindMediaControls(controls: MediaControls): () => void {
  if (!supported()) return () => {};
  const actions: [MediaSessionAction, () => void][] = [
    ['play', controls.play],
    ['pause', controls.pause],
    ['nexttrack', controls.next],
    ['previoustrack', controls.previous],
  ];
  for (const [action, handler] of actions) {
    try {
      navigator.mediaSession.setActionHandler(action, handler);
    } catch {
      // this browser has no such action
    }
  }
  return () => {
    for (const [action] of actions) {
      try {
        navigator.mediaSession.setActionHandler(action, null);
      } catch {
        // as above
      }
    }
    navigator.mediaSession.metadata = null;
  };
}

/** Shows what is on: e.g. "Bird-dog — left side" · "Work · Round 2/3" · the circuit's name. */
export function showNowPlaying(title: string, detail: string, circuitName: string, playing: boolean): void {
  if (!supported()) return;
  navigator.mediaSession.metadata = new MediaMetadata({ title, artist: detail, album: circuitName });
  navigator.mediaSession.playbackState = playing ? 'playing' : 'paused';
}

/** A looping element of silence, made in memory (a tiny WAV), to start in the Start tap. */
export function silentLoop(): HTMLAudioElement {
  const rate = 8000;
  const samples = rate; // one second
  const bytes = new DataView(new ArrayBuffer(44 + samples));
  const text = (at: number, s: string) => [...s].forEach((c, i) => bytes.setUint8(at + i, c.charCodeAt(0)));
  text(0, 'RIFF');
  bytes.setUint32(4, 36 + samples, true);
  text(8, 'WAVEfmt ');
  bytes.setUint32(16, 16, true);
  bytes.setUint16(20, 1, true); // PCM
  bytes.setUint16(22, 1, true); // mono
  bytes.setUint32(24, rate, true);
  bytes.setUint32(28, rate, true); // bytes per second at 8 bits
  bytes.setUint16(32, 1, true);
  bytes.setUint16(34, 8, true);
  text(36, 'data');
  bytes.setUint32(40, samples, true);
  for (let i = 0; i < samples; i++) bytes.setUint8(44 + i, 128); // 8-bit silence is the midpoint
  const audio = new Audio(URL.createObjectURL(new Blob([bytes.buffer], { type: 'audio/wav' })));
  audio.loop = true;
  return audio;
}
