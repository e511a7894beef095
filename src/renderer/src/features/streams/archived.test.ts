import { describe, expect, it } from 'vitest';
import { archivedTitle } from './archived.ts';

describe('archived marker', () => {
  it("names the layout's flag where it has one and says the stream stays visible", () => {
    expect(archivedTitle('Marten')).toContain("(Marten's is_archived)");
    expect(archivedTitle('Emmett PostgreSQL')).toContain("(Emmett PostgreSQL's is_archived)");
    expect(archivedTitle('Message DB')).not.toContain('is_archived');
    expect(archivedTitle()).toMatch(/still shows all of its events/);
  });
});
