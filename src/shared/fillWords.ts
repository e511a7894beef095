// Main has no i18next: where it writes a catalog sentence in English itself (a verdict's message, a
// projection failure's), it fills the `{{name}}` places as i18next would, without formats.
export function fillWords(template: string, values: Record<string, unknown>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name]));
}
