// Finds user-facing text written straight into a component instead of going through the message
// catalogs: JSX text with letters, and string literals with letters in JSX children or in the
// attributes people read or hear (title, aria-label, placeholder, alt, label, …). A line with the
// comment `i18n-verbatim` (on it or just above) is exempt: brand names, key caps, sample syntax.
// TypeScript 7's package has no JavaScript compiler API any more, so the source is read with Babel's
// parser (already installed: it comes with @vitejs/plugin-react), which knows TSX.
import { parse } from '@babel/parser';

/** Attributes whose value is shown or read aloud; a literal with letters there is a hard-coded string. */
export const USER_FACING_ATTRIBUTES = new Set([
  'title',
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'aria-placeholder',
  'placeholder',
  'alt',
  'label',
  // Props of this app's own components that end up on screen (StatusViews, ErrorBoundary, …).
  'what',
  'hint',
  'message',
  'description',
  'caption',
  'confirmLabel',
]);

export interface HardcodedText {
  file: string;
  line: number;
  text: string;
  where: 'jsx-text' | 'jsx-expression' | `attribute ${string}`;
}

const LETTER = /\p{L}/u;

// A small structural view of Babel's AST: enough to walk it without depending on @babel/types.
export interface Node {
  type: string;
  start?: number | null;
  loc?: { start: { line: number } } | null;
  [key: string]: unknown;
}

export const isNode = (value: unknown): value is Node => !!value && typeof value === 'object' && typeof (value as Node).type === 'string';

/** A node's child nodes, comments left out (the CLI's checker walks the same way). */
export function children(node: Node): Node[] {
  const out: Node[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'loc' || key === 'leadingComments' || key === 'trailingComments' || key === 'innerComments') continue;
    if (Array.isArray(value)) out.push(...value.filter(isNode));
    else if (isNode(value)) out.push(value);
  }
  return out;
}

/** The string literals an expression can evaluate to (through ?:, ||, ??, &&, +, templates). */
function literalsOf(node: Node): Node[] {
  switch (node.type) {
    case 'StringLiteral':
    case 'TemplateLiteral':
      return [node];
    case 'ConditionalExpression':
      return [...literalsOf(node.consequent as Node), ...literalsOf(node.alternate as Node)];
    case 'LogicalExpression':
      return node.operator === '&&' ? literalsOf(node.right as Node) : [...literalsOf(node.left as Node), ...literalsOf(node.right as Node)];
    case 'BinaryExpression':
      return node.operator === '+' ? [...literalsOf(node.left as Node), ...literalsOf(node.right as Node)] : [];
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'ParenthesizedExpression':
      return literalsOf(node.expression as Node);
    default:
      return [];
  }
}

/** The words a literal shows: a template's fixed parts only (its `${…}` values come from elsewhere). */
function shownText(node: Node): string {
  if (node.type === 'StringLiteral') return node.value as string;
  if (node.type === 'TemplateLiteral') return (node.quasis as Node[]).map((q) => (q.value as { cooked: string }).cooked).join(' ');
  if (node.type === 'JSXText') return node.value as string;
  return '';
}

export function findHardcodedText(file: string, text: string): HardcodedText[] {
  const ast = parse(text, { sourceType: 'module', plugins: ['typescript', 'jsx'], errorRecovery: true }) as unknown as Node;
  const lines = text.split('\n');
  const found: HardcodedText[] = [];
  const report = (node: Node, where: HardcodedText['where']) => {
    const shown = shownText(node);
    const line = node.loc?.start.line ?? 0;
    if (!LETTER.test(shown) || [lines[line - 1], lines[line - 2]].some((l) => l?.includes('i18n-verbatim'))) return;
    found.push({ file, line, text: shown.trim().replace(/\s+/g, ' ').slice(0, 80), where });
  };
  const visit = (node: Node, parent: Node | null) => {
    if (node.type === 'JSXText') report(node, 'jsx-text');
    else if (node.type === 'JSXAttribute') {
      const nameNode = node.name as Node;
      const name = nameNode.type === 'JSXNamespacedName' ? `${(nameNode.namespace as Node).name}:${(nameNode.name as Node).name}` : (nameNode.name as string);
      const value = node.value as Node | null;
      if (USER_FACING_ATTRIBUTES.has(name) && value) {
        if (value.type === 'StringLiteral') report(value, `attribute ${name}`);
        else if (value.type === 'JSXExpressionContainer') for (const literal of literalsOf(value.expression as Node)) report(literal, `attribute ${name}`);
      }
      // Other attributes (className, data-testid, href, …) are not read by people; but a JSX
      // element passed as an attribute value is still walked.
      if (value && value.type === 'JSXExpressionContainer') visitInner(value.expression as Node, value);
      return;
    } else if (node.type === 'JSXExpressionContainer' && parent && (parent.type === 'JSXElement' || parent.type === 'JSXFragment')) {
      for (const literal of literalsOf(node.expression as Node)) report(literal, 'jsx-expression');
    }
    for (const child of children(node)) visit(child, node);
  };
  // Inside a non-user-facing attribute only nested JSX counts, not the attribute's own literals.
  const visitInner = (node: Node, parent: Node) => {
    if (node.type === 'JSXElement' || node.type === 'JSXFragment') visit(node, parent);
    else for (const child of children(node)) visitInner(child, node);
  };
  visit(ast, null);
  return found;
}
