import { Box, Button, Stack, Table, Text } from '@mantine/core';
import { type ReactNode, useId, useState } from 'react';

export interface DataFigureColumn<Row> {
  label: string;
  value: (row: Row) => ReactNode;
}

interface DataFigureProps<Row> {
  /** Shown under the chart and used as the table's name. */
  caption: string;
  /** What the chart says, in words, for people who cannot see it. */
  summary: string;
  chart: ReactNode;
  columns: DataFigureColumn<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
}

/**
 * A chart with its text alternative: a caption, a spoken summary and a data table behind a toggle.
 * Charts come in as a node so this file pulls in no chart library (they stay in the pages that draw them).
 */
export function DataFigure<Row>({ caption, summary, chart, columns, rows, rowKey }: DataFigureProps<Row>) {
  const [showTable, setShowTable] = useState(false);
  const captionId = useId();
  const tableId = useId();
  return (
    <Box component="figure" m={0} aria-labelledby={captionId}>
      <Stack gap="xs">
        <div role="img" aria-label={summary}>
          {chart}
        </div>
        <Text component="figcaption" id={captionId} size="sm" c="gray.7">
          {caption}
        </Text>
        <Button
          variant="default"
          size="compact-sm"
          w="fit-content"
          aria-expanded={showTable}
          aria-controls={tableId}
          onClick={() => setShowTable((v) => !v)}
        >
          {showTable ? 'Hide data table' : 'Show data table'}
        </Button>
        <div id={tableId} hidden={!showTable}>
          {showTable && (
            <Table.ScrollContainer
              type="native"
              minWidth={360}
              tabIndex={0}
              role="region"
              aria-label={`${caption}: data`}
            >
              <Table striped withTableBorder aria-label={`${caption}: data`}>
                <Table.Thead>
                  <Table.Tr>
                    {columns.map((column) => (
                      <Table.Th key={column.label} scope="col">
                        {column.label}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((row) => (
                    <Table.Tr key={rowKey(row)}>
                      {columns.map((column) => (
                        <Table.Td key={column.label}>{column.value(row)}</Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </div>
      </Stack>
    </Box>
  );
}
