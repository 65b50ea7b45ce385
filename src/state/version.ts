// The app's version as the build stamped it ("0.1.0", or "0.1.0 (label)" for a labelled build).

declare const __APP_VERSION__: string;
declare const __BUILD_LABEL__: string;

export const APP_VERSION = __BUILD_LABEL__ ? `${__APP_VERSION__} (${__BUILD_LABEL__})` : __APP_VERSION__;
