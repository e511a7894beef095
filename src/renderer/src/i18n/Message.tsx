// A catalog sentence with markup inside (a link, code, emphasis): `<link>Open a store</link> to
// browse…` in the catalog, the elements here, so word order stays the translator's.
import type { ReactElement } from 'react';
import { Trans } from 'react-i18next';
import type { MessageKey } from './index.ts';

export function Message({ k, values, components }: { k: MessageKey; values?: Record<string, unknown>; components?: Record<string, ReactElement> }) {
  return <Trans i18nKey={k as never} values={values} components={components} />;
}
