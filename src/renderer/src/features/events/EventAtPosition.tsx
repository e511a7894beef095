// `#/event/<position>`: the event at a global position (a verification finding, a manifest, a
// ticket), opened in its stream. When nothing is there any more, says so instead of guessing.
import { useEffect } from 'react';
import { api } from '../../api.ts';
import { hrefs, navigate } from '../../app/routes.ts';
import { EmptyState, ErrorView, Loading } from '../../components/StatusViews.tsx';
import { useT } from '../../i18n/index.ts';
import { Message } from '../../i18n/Message.tsx';
import { useApi } from '../../lib/useApi.ts';

export function EventAtPosition({ position }: { position: number }) {
  const t = useT();
  const event = useApi(() => api.getEvent({ ref: position }), [position]);
  const found = event.value;
  useEffect(() => {
    if (found) navigate(hrefs.stream(found.streamId, found.version), { replace: true });
  }, [found]);
  if (event.error?.code === 'NOT_FOUND')
    return (
      <EmptyState title={t('eventAt.notFound.title', { position })} testId="event-not-found">
        <Message k="eventAt.notFound.body" values={{ position }} components={{ verify: <a href={hrefs.verify()} />, timeline: <a href={hrefs.timeline()} /> }} />
      </EmptyState>
    );
  if (event.error) return <ErrorView error={event.error} onRetry={event.reload} />;
  return <Loading label={t('eventAt.finding', { position })} />;
}
