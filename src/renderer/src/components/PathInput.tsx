// A text field for a file path on this machine (open, import, verified copy): monospace, and no
// spell check or autocomplete, which only get in the way of paths. `search` marks it for the `/`
// shortcut (app/keyboard.ts focuses the first visible data-search field).
export function PathInput({ id, value, onChange, placeholder, testId, search = false }: { id: string; value: string; onChange: (value: string) => void; placeholder?: string; testId: string; search?: boolean }) {
  return (
    <input
      id={id}
      type="text"
      className="mono"
      placeholder={placeholder}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      spellCheck={false}
      autoComplete="off"
      data-testid={testId}
      {...(search ? { 'data-search': true } : {})}
    />
  );
}
