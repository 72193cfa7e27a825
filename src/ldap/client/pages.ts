/**
 * Asks for the next page as soon as one arrives, so the directory works on it while this one is
 * written: at most one page is read ahead of the one the consumer holds, however slow the
 * consumer (the import's memory does not grow with the directory). A page that failed is thrown
 * when its turn comes.
 */
export async function* readAhead<T>(pages: AsyncGenerator<T, void, undefined>): AsyncGenerator<T, void, undefined> {
  let next = pages.next();
  try {
    for (;;) {
      const current = await next;
      if (current.done) return;
      next = pages.next();
      // not awaited until the consumer is done with this page: keep an early failure from being unhandled
      next.catch(() => undefined);
      yield current.value;
    }
  } finally {
    // the consumer stopped early (abort, failed write): let the pending request end, then close the search
    await next.catch(() => undefined);
    await pages.return(undefined);
  }
}

/** Each page as `map` makes it, as soon as it arrives (the source page is not referenced after). */
export async function* mapPages<T, U>(
  pages: AsyncGenerator<T, void, undefined>,
  map: (page: T) => U,
): AsyncGenerator<U, void, undefined> {
  try {
    for (;;) {
      const mapped = await nextMapped(pages, map);
      if (!mapped) return;
      yield mapped.value;
    }
  } finally {
    await pages.return(undefined);
  }
}

async function nextMapped<T, U>(
  pages: AsyncGenerator<T, void, undefined>,
  map: (page: T) => U,
): Promise<{ value: U } | undefined> {
  const next = await pages.next();
  return next.done ? undefined : { value: map(next.value) };
}
