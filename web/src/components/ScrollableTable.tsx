import { Table, type TableProps } from '@mantine/core';
import type { ReactNode } from 'react';

interface ScrollableTableProps extends Omit<TableProps, 'children'> {
  /** The table's accessible name (also names the scrolling region). */
  label: string;
  /** Below this width the table scrolls sideways inside its box instead of squeezing (phones). */
  minWidth: number;
  /** Scrolls vertically too above this height. */
  maxHeight?: number;
  children: ReactNode;
}

/**
 * A table that scrolls inside its own box on narrow screens. The box is focusable so keyboard users
 * can scroll it too (axe: scrollable-region-focusable).
 */
export function ScrollableTable({ label, minWidth, maxHeight, children, ...tableProps }: ScrollableTableProps) {
  return (
    // position: relative keeps visually hidden cells (position: absolute) inside the scrolling box instead of widening the page
    <Table.ScrollContainer
      type="native"
      minWidth={minWidth}
      maxHeight={maxHeight}
      tabIndex={0}
      role="region"
      aria-label={label}
      pos="relative"
    >
      <Table striped withTableBorder fz="sm" stickyHeader={maxHeight !== undefined} aria-label={label} {...tableProps}>
        {children}
      </Table>
    </Table.ScrollContainer>
  );
}
