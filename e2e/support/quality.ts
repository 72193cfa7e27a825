import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

type AxePage = ConstructorParameters<typeof AxeBuilder>[0]['page'];

/** axe-core on the page as it is now; serious and critical violations fail, each named with where it is. */
export async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  // @axe-core/playwright brings its own playwright-core (a newer one than @playwright/test's):
  // the same Page at run time, two declarations of it for the compiler.
  const results = await new AxeBuilder({ page: page as unknown as AxePage }).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
  expect.soft(serious, 'serious or critical accessibility violations').toEqual([]);
}

/** Whether the page scrolls sideways at its current width, and which elements stick out. */
export async function horizontalOverflow(
  page: Page,
): Promise<{ width: number; scrollWidth: number; offenders: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const scrollWidth = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
    const offenders: string[] = [];
    // Elements past the right edge that no ancestor clips (a table in its own scrolling box is fine),
    // outermost first: those are what makes the page itself scroll sideways.
    const clipped = (element: Element): boolean => {
      for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
        if (getComputedStyle(up).overflowX !== 'visible') return true;
      }
      return false;
    };
    if (scrollWidth > width) {
      for (const element of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
        const box = element.getBoundingClientRect();
        if (box.right <= width + 1 || box.width === 0 || clipped(element)) continue;
        const parent = element.parentElement;
        if (parent && parent !== document.body && parent.getBoundingClientRect().right > width + 1 && !clipped(parent))
          continue;
        const name =
          typeof element.className === 'string' && element.className.trim()
            ? `.${element.className.trim().split(/\s+/).slice(0, 2).join('.')}`
            : '';
        offenders.push(
          `${element.tagName.toLowerCase()}${name} "${(element.textContent ?? '').trim().slice(0, 40)}" right=${Math.round(box.right)}`,
        );
      }
    }
    return { width, scrollWidth, offenders: offenders.slice(0, 10) };
  });
}

/**
 * Tables that scroll sideways inside their own box at the page's current width: each by its
 * accessible name, with how much is cut off. A table that fits shows every column without scrolling.
 */
export async function tablesCutOff(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('[role="region"]'))
      .filter((region) => region.querySelector('table') && region.scrollWidth > region.clientWidth + 1)
      .map(
        (region) =>
          `"${region.getAttribute('aria-label') ?? '(unnamed)'}": ${region.scrollWidth - region.clientWidth} px of ${region.scrollWidth} px hidden`,
      ),
  );
}

/**
 * Named tables or lists (by aria-label) that are not whole at the page's current width: one that
 * scrolls sideways in its own box, or has content past the window's right edge. A copy hidden at
 * this width (the other layout of a responsive list) is skipped; a name with no copy shown is reported.
 */
export async function namedContentCutOff(page: Page, labels: string[]): Promise<string[]> {
  return page.evaluate((names) => {
    const width = document.documentElement.clientWidth;
    const problems: string[] = [];
    for (const name of names) {
      const shown = Array.from(document.querySelectorAll<HTMLElement>('[aria-label]')).filter(
        (element) => element.getAttribute('aria-label') === name && element.getClientRects().length > 0,
      );
      if (shown.length === 0) problems.push(`"${name}": not shown`);
      for (const element of shown) {
        if (element.scrollWidth > element.clientWidth + 1)
          problems.push(`"${name}": scrolls sideways, ${element.scrollWidth - element.clientWidth} px hidden`);
        const past = Array.from(element.querySelectorAll<HTMLElement>('*')).filter((inner) => {
          const box = inner.getBoundingClientRect();
          return box.width > 0 && box.right > width + 1;
        });
        if (past.length > 0)
          problems.push(
            `"${name}": ${past.length} elements past the right edge, first "${(past[0].textContent ?? '').trim().slice(0, 40)}"`,
          );
      }
    }
    return problems;
  }, labels);
}
