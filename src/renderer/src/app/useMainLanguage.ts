// Main shows a few words of its own (Electron's native open, save and folder dialogs, and its
// question before it uses a typed path): it is told the renderer's language at start and on every
// switch, so those speak it too. A refusal changes nothing on screen: main keeps the OS language.
import { useEffect } from 'react';
import { api } from '../api.ts';
import { currentLanguage, i18n, type Language } from '../i18n/index.ts';

export function useMainLanguage(): void {
  useEffect(() => {
    const tell = (language: Language) => void api.setLanguage({ language });
    tell(currentLanguage());
    const onChange = () => tell(currentLanguage());
    i18n.on('languageChanged', onChange);
    return () => i18n.off('languageChanged', onChange);
  }, []);
}
