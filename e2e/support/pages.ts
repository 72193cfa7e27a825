import type { Locator, Page } from '@playwright/test';

/** A labelled figure (<dt>label</dt><dd>value</dd>) inside scope: the <dd>. */
export function figure(scope: Locator | Page, label: string): Locator {
  // A `has` locator is matched inside each candidate, so it starts from the page, not from scope.
  const page = 'page' in scope && typeof scope.page === 'function' ? scope.page() : (scope as Page);
  return scope
    .locator('dl > div')
    .filter({ has: page.locator('dt').getByText(label, { exact: true }) })
    .locator('dd');
}

/** The row of a table that holds this text (an email, say). */
export function rowWith(table: Locator, text: string): Locator {
  return table.getByRole('row').filter({ hasText: text });
}
