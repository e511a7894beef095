// What differs between the Electron app and browser mode, injected into the handlers so that no
// handler imports Electron: native dialogs there, a path field and downloads here.

export interface SaveTarget {
  path: string;
  /** Browser mode: where the renderer downloads the file once written. */
  downloadUrl: string | null;
}

export interface Host {
  mode: 'electron' | 'browser';
  version: string;
  /** Native open dialog; null when the user cancels. Browser mode throws UNSUPPORTED. */
  chooseOpenPath(): Promise<string | null>;
  /** Where to write a file (save dialog, or a download slot); null when the user cancels. */
  chooseSavePath(suggestedName: string, defaultDirectory?: string): Promise<SaveTarget | null>;
}
