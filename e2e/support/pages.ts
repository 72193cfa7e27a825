import type { Locator, Page } from '@playwright/test';

/** A labelled figure (<dt>label</dt><dd>value</dd>) inside scope: the <dd>. */
export function figure(scope: Locator | Page, label: string): Locator {
  return scope.locator('dl > div').filter({ has: scope.locator('dt').getByText(label, { exact: true }) }).locator('dd');
}

/** The row of a table that holds this text (an email, say). */
export function rowWith(table: Locator, text: string): Locator {
  return table.getByRole('row').filter({ hasText: text });
}
