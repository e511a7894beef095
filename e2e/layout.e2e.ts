// Journey: every screen and panel (e2e/pages/Screens.ts) at 1280×720 and at 1920×1080. At 1280 the
// page never scrolls sideways, nothing visible runs past the window, the header stays on one line,
// no button or field is cut, and text cut with an ellipsis carries its whole text in a title. At
// 1920 the content uses the width. Screenshots of both sizes go to e2e/artifacts/layout/.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { Screens } from './pages/Screens.ts';
import { ARTIFACTS } from './support/paths.ts';

const SMALL = { width: 1280, height: 720 };
const WIDE = { width: 1920, height: 1080 };
const SHOTS = path.join(ARTIFACTS, 'layout');

/** Runs in the page: what is wrong with the layout at the current size, in words, one line each. */
function layoutProblems(options: { scope: string | null; wide: boolean }): string[] {
  const problems: string[] = [];
  const vw = document.documentElement.clientWidth;
  const name = (el: Element): string => {
    const id = el.getAttribute('data-testid');
    const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
    const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
    return `<${el.tagName.toLowerCase()}${id ? ` data-testid=${id}` : ''}${cls ? ` ${cls}` : ''}>${text ? ` "${text}"` : ''}`;
  };
  const visible = (el: Element): boolean => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && el.checkVisibility({ visibilityProperty: true, opacityProperty: true });
  };
  const clips = (el: Element): boolean => getComputedStyle(el).overflowX !== 'visible';
  /** The part of el's box that is not cut away by an ancestor that clips or scrolls. */
  const shownRect = (el: Element) => {
    const r = el.getBoundingClientRect();
    let left = r.left;
    let right = r.right;
    for (let a = el.parentElement; a; a = a.parentElement) {
      if (a === document.documentElement || a === document.body) break;
      if (!clips(a)) continue;
      const ar = a.getBoundingClientRect();
      left = Math.max(left, ar.left);
      right = Math.min(right, ar.right);
    }
    return { left, right };
  };
  const root = options.scope ? document.querySelector(options.scope) : document.body;
  if (!root) return [`${options.scope} is not on the page`];
  const all = [root, ...root.querySelectorAll('*')].filter(visible);

  if (!options.scope && document.documentElement.scrollWidth > vw + 1) problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth}px of content in ${vw}px`);

  // Visible elements past the window's right edge (the outermost one of each run is named).
  const past = new Set<Element>();
  for (const el of all) {
    if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
    const { left, right } = shownRect(el);
    if (right > vw + 1 && right - left > 0) {
      past.add(el);
      if (!el.parentElement || !past.has(el.parentElement)) problems.push(`${name(el)} runs past the window: right edge at ${Math.round(right)}px of ${vw}px`);
    }
  }

  // The header on one line: its parts inside its height, none painted over another.
  const header = document.querySelector('.app-header');
  if (header && !options.scope) {
    const hr = header.getBoundingClientRect();
    for (const el of header.querySelectorAll('*')) {
      if (!visible(el) || el.closest('.masking-panel, .jobs-popover, .popover')) continue;
      const r = el.getBoundingClientRect();
      if (r.top < hr.top - 1 || r.bottom > hr.bottom + 1) problems.push(`${name(el)} leaves the header's line (${Math.round(r.top)}–${Math.round(r.bottom)}px in ${Math.round(hr.top)}–${Math.round(hr.bottom)}px)`);
    }
    const parts = [...header.children].filter(visible).map((el) => ({ el, r: el.getBoundingClientRect() }));
    for (let i = 1; i < parts.length; i++) {
      if (parts[i].r.left < parts[i - 1].r.right - 1) problems.push(`${name(parts[i].el)} overlaps ${name(parts[i - 1].el)} in the header`);
    }
  }

  // Bars of controls (toolbars, the filter bar) on one line at 1280 px.
  if (!options.wide) {
    for (const bar of all.filter((el) => el.matches('.toolbar'))) {
      // A child that starts below the bottom of an earlier one is on a further line.
      const boxes = [...bar.children].filter(visible).map((c) => c.getBoundingClientRect());
      const lines = boxes.filter((b, i) => i === 0 || boxes.slice(0, i).every((earlier) => b.top >= earlier.bottom - 1)).length;
      if (lines > 1) problems.push(`${name(bar)} wraps onto ${lines} lines`);
    }
  }

  // Controls cut by their own box or by a clipping container.
  const controls = all.filter((el) => el.matches('button, select, a, .badge, input:not([type=checkbox]):not([type=radio]):not([type=range]):not([type=hidden])'));
  for (const el of controls) {
    const h = el as HTMLElement;
    const isInput = el.tagName === 'INPUT';
    // An input's own scrollWidth grows with a long typed value, which scrolls inside it; its placeholder must fit.
    if (!isInput && h.scrollWidth > h.clientWidth + 1 && getComputedStyle(el).textOverflow !== 'ellipsis') problems.push(`${name(el)} is too narrow for its label (${h.scrollWidth}px in ${h.clientWidth}px)`);
    if (isInput) {
      const input = el as HTMLInputElement;
      if (!input.value && input.placeholder) {
        // A twin of the same size holding the placeholder as its value: its scrollWidth says whether it fits.
        const twin = input.cloneNode() as HTMLInputElement;
        twin.removeAttribute('data-testid');
        twin.style.position = 'absolute';
        twin.style.width = `${input.offsetWidth}px`;
        twin.value = input.placeholder;
        input.parentElement?.append(twin);
        const cut = twin.scrollWidth > twin.clientWidth + 1;
        twin.remove();
        if (cut) problems.push(`${name(el)}'s placeholder "${input.placeholder}" is cut (${input.clientWidth}px wide)`);
      }
    }
    const r = el.getBoundingClientRect();
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (style.overflowX !== 'hidden' && style.overflowX !== 'clip') continue;
      // Inside text cut with an ellipsis: the truncation check below asks for its title.
      if (style.textOverflow === 'ellipsis') break;
      const ar = a.getBoundingClientRect();
      if (r.right > ar.right + 1 || r.left < ar.left - 1) problems.push(`${name(el)} is cut by ${name(a)}`);
      break;
    }
  }

  // Text cut short (an ellipsis, or hidden overflow) says all of itself in a title, and is not cut beside empty room.
  for (const el of all) {
    const h = el as HTMLElement;
    if (h.scrollWidth <= h.clientWidth + 1 || el.matches('input, textarea, select, button, svg, svg *')) continue;
    const style = getComputedStyle(el);
    if (style.overflowX !== 'hidden' && style.overflowX !== 'clip') continue;
    const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim()) || el.children.length <= 3;
    const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ');
    if (!ownText || !text) continue;
    const titled = el.closest('[title]');
    const title = (titled?.getAttribute('title') ?? '').replace(/\s+/g, ' ');
    if (!title.includes(text.replace(/…$/, ''))) problems.push(`${name(el)} is cut short (${h.scrollWidth}px in ${h.clientWidth}px) without its whole text in a title${title ? ` (title: "${title.slice(0, 60)}")` : ''}`);
    const parent = el.parentElement;
    if (parent && getComputedStyle(parent).display.includes('grid') === false) {
      const pr = parent.getBoundingClientRect();
      const padRight = parseFloat(getComputedStyle(parent).paddingRight);
      const rightMost = Math.max(...[...parent.children].filter(visible).map((c) => c.getBoundingClientRect().right));
      if (pr.right - padRight - rightMost > 40 && getComputedStyle(parent).display.includes('flex')) problems.push(`${name(el)} is cut short beside ${Math.round(pr.right - padRight - rightMost)}px of empty room`);
    }
  }

  // At 1920 the content spreads over the width of the window.
  if (options.wide && !options.scope) {
    const main = document.querySelector('.app-main');
    if (main) {
      let left = Infinity;
      let right = -Infinity;
      for (const el of main.querySelectorAll('*')) {
        if (!visible(el)) continue;
        const style = getComputedStyle(el);
        const painted = style.backgroundColor !== 'rgba(0, 0, 0, 0)' || style.borderLeftWidth !== '0px' || [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
        if (!painted) continue;
        const r = el.getBoundingClientRect();
        left = Math.min(left, r.left);
        right = Math.max(right, r.right);
      }
      const used = (right - left) / vw;
      if (used < 0.9) problems.push(`the content uses ${Math.round(used * 100)}% of the window's width (${Math.round(left)}–${Math.round(right)}px of ${vw}px)`);
    }
  }
  return [...new Set(problems)];
}

async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

// In both languages: Chinese labels are shorter in characters but wider per character, and wrap
// differently, so a screen that fits in English may not in 简体中文.
for (const lang of ['en', 'zh-CN'] as const) {
  test.describe(lang, () => {
    test.use({ lang });

    test(`every screen fits 1280×720 without sideways scrolling or cut controls, and uses the width at 1920×1080 (${lang})`, async ({ ledger }) => {
      const { page } = ledger;
      const screens = new Screens(page);
      test.setTimeout(screens.all.length * 15_000);
      fs.mkdirSync(SHOTS, { recursive: true });
      for (const screen of screens.all) {
        await test.step(screen.name, async () => {
          await page.setViewportSize(SMALL);
          await screen.open();
          await settle(page);
          const small = await page.evaluate(layoutProblems, { scope: screen.scope ?? null, wide: false });
          await page.screenshot({ path: path.join(SHOTS, `${lang}-${screen.name}-1280x720.png`) });
          expect.soft(small, `layout of ${screen.name} at 1280×720 (${lang}):\n  ${small.join('\n  ')}`).toEqual([]);

          await page.setViewportSize(WIDE);
          await settle(page);
          const wide = await page.evaluate(layoutProblems, { scope: screen.scope ?? null, wide: true });
          await page.screenshot({ path: path.join(SHOTS, `${lang}-${screen.name}-1920x1080.png`) });
          expect.soft(wide, `layout of ${screen.name} at 1920×1080 (${lang}):\n  ${wide.join('\n  ')}`).toEqual([]);
          await screen.close?.();
        });
      }
    });
  });
}
