// What Electron's native dialogs say (the open, folder and save dialogs, and main's own question
// before it uses a path the renderer typed), in the language the renderer speaks: the renderer
// tells main its language (app/setLanguage) and index.ts asks here. Plain data, no Electron import,
// so it is tested under Node; a file's path in a question stays as written.
import type { ReaderLanguage } from '../shared/contract.ts';
import type { PathPurpose } from './ipc/handlers/pathGrants.ts';

export interface NativeDialogWords {
  openStore: { title: string; stores: string; allFiles: string };
  projectionsFolder: { title: string };
  saveAs: { title: string };
  confirm: { title: string; cancel: string } & Record<PathPurpose, { message: string; button: string }>;
}

const en: NativeDialogWords = {
  openStore: { title: 'Open an event store', stores: 'Event stores', allFiles: 'All files' },
  projectionsFolder: { title: 'Choose a projections folder' },
  saveAs: { title: 'Save as' },
  confirm: {
    title: 'Replay Ledger',
    cancel: 'Cancel',
    open: { message: 'Open this store (read-only)?', button: 'Open' },
    read: { message: 'Let the viewer read this file?', button: 'Read' },
    create: { message: 'Create this new file?', button: 'Create' },
  },
};

const zhCN: NativeDialogWords = {
  openStore: { title: '打开事件存储', stores: '事件存储', allFiles: '所有文件' },
  projectionsFolder: { title: '选择投影文件夹' },
  saveAs: { title: '另存为' },
  confirm: {
    title: 'Replay Ledger',
    cancel: '取消',
    open: { message: '打开此存储（只读）？', button: '打开' },
    read: { message: '允许查看器读取此文件？', button: '读取' },
    create: { message: '创建这个新文件？', button: '创建' },
  },
};

export const NATIVE_DIALOG_WORDS: Record<ReaderLanguage, NativeDialogWords> = { en, 'zh-CN': zhCN };

/** The words for `language`; English for anything else (an OS locale main was started with). */
export function nativeDialogWords(language: string | null | undefined): NativeDialogWords {
  return language?.toLowerCase().startsWith('zh') ? zhCN : en;
}
