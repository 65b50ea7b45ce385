// Installing the app: the browser's own offer (beforeinstallprompt, Chromium) is kept for an
// "Install" button, shown only where and while the browser offers installation.

/** Chromium's event; not in the DOM typings. */
export interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

export class InstallOffer {
  private event = $state.raw<InstallPromptEvent | null>(null);
  /** The app was installed from this page. */
  installed = $state(false);

  /** Listens for the browser's offer; call once, as early as possible (the event may come at load). */
  listen(target: EventTarget = window): void {
    target.addEventListener('beforeinstallprompt', (e) => {
      e.preventDefault(); // no mini-infobar: the Install button (the library's end, Settings) offers it instead
      this.event = e as InstallPromptEvent;
    });
    target.addEventListener('appinstalled', () => {
      this.event = null;
      this.installed = true;
    });
  }

  get available(): boolean {
    return this.event !== null;
  }

  /** Shows the browser's install dialog; the offer can be used once. */
  async install(): Promise<'accepted' | 'dismissed' | 'unavailable'> {
    const event = this.event;
    if (!event) return 'unavailable';
    this.event = null;
    await event.prompt();
    const { outcome } = await event.userChoice;
    if (outcome === 'accepted') this.installed = true;
    return outcome;
  }
}

export const installOffer = new InstallOffer();
