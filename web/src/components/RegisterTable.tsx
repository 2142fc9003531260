import { Card, Empty, Table, type TableColumnsType } from 'antd';

interface RegisterTableProps<T> {
  testId: string;
  columns: TableColumnsType<T>;
  rows: readonly T[];
  loading: boolean;
  /** The table's full width: narrower screens scroll it sideways. */
  scrollX: number;
  rowClassName?: (row: T) => string;
  /** What an empty list says. */
  empty: string;
}

/** The table of a register page (officers, users, benchmarks, the review catalog): 20 rows a page. */
export function RegisterTable<T extends { id: string }>({ testId, columns, rows, loading, scrollX, rowClassName, empty }: RegisterTableProps<T>) {
  return (
    <Card styles={{ body: { padding: 0 } }}>
      <Table<T>
        data-testid={testId}
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={loading}
        scroll={{ x: scrollX }}
        rowClassName={rowClassName}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: <Empty description={empty} /> }}
      />
    </Card>
  );
}
