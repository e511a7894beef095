// The header's language switch: English / 简体中文, remembered for the next start (i18n/index.ts).
import { LANGUAGES, setLanguage, useT, type Language } from '../i18n/index.ts';
import { useFormat } from '../i18n/format.ts';

export function LanguageSwitch() {
  const t = useT();
  const { language } = useFormat();
  return (
    <select className="language-switch" value={language} onChange={(e) => setLanguage(e.target.value as Language)} aria-label={t('language.label')} title={t('language.label')} data-testid="language-switch">
      {LANGUAGES.map((option) => (
        <option key={option} value={option} lang={option}>
          {t(`language.${option}`)}
        </option>
      ))}
    </select>
  );
}
