// What differs between the Electron app and browser mode, injected into the handlers so that no
// handler imports Electron: native dialogs there, a path field and downloads here.

export interface SaveTarget {
  path: string;
  /** Browser mode: where the renderer downloads the file once written. */
  downloadUrl: string | null;
}

import type { ReaderLanguage } from '../../../shared/contract.ts';
import type { PathPurpose } from './pathGrants.ts';

export interface Host {
  mode: 'electron' | 'browser';
  version: string;
  /** Native open dialog; null when the user cancels. Browser mode throws UNSUPPORTED. */
  chooseOpenPath(): Promise<string | null>;
  /** Native folder dialog (the projections folder); absent in browser mode, which types the path. */
  chooseFolder?(): Promise<string | null>;
  /** Where to write a file (save dialog, or a download slot); null when the user cancels. */
  chooseSavePath(suggestedName: string, defaultDirectory?: string): Promise<SaveTarget | null>;
  /**
   * Electron: true, paths the renderer sends are used only when main vouches for them (see
   * pathGrants.ts). Browser mode: false, the bridge's token is the boundary and typed paths work.
   */
  confinesPaths: boolean;
  /** Ask the user, in main's own native UI, to allow a typed path. Browser mode never asks. */
  confirmPath(file: string, purpose: PathPurpose): Promise<boolean>;
  /** The language the renderer speaks, for the native dialogs (browser mode shows none). */
  setLanguage?(language: ReaderLanguage): void;
  /** Electron only: the PDF of a report file (printToPDF in a hidden window, JavaScript off). Browser mode prints from the browser. */
  printToPdf?(htmlFile: string): Promise<Uint8Array>;
}
