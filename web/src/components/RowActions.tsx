import { MoreOutlined } from '@ant-design/icons';
import { Button, Dropdown, Flex, type MenuProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface RowAction {
  key: string;
  icon: ReactNode;
  label: string;
  onClick: () => void;
  danger?: boolean;
  disabled?: boolean;
  /** The link button beside the menu on a wide screen (one per row); on a phone it is a menu item like the others. */
  primary?: boolean;
  /** Only in a phone's menu: on a wide screen the row offers it elsewhere. */
  phoneOnly?: boolean;
}

/** An entry of the list: an action, a line between groups, or nothing (an action the user may not do). */
export type RowActionEntry = RowAction | 'divider' | false | null;

interface RowActionsProps {
  /** The row's name, for the menu button's label ("张晓明 的更多操作"). */
  name: string;
  actions: readonly RowActionEntry[];
  /** A phone: everything but `extra` folds into the menu, to keep the column narrow. */
  compact: boolean;
  /** Always in view, before the menu (e.g. the officer's card). */
  extra?: ReactNode;
}

/** The actions cell of a register's row: the primary action as a link, the rest in a "more" menu. */
export function RowActions({ name, actions, compact, extra }: RowActionsProps) {
  const { t } = useTranslation();
  const present = actions.filter((a): a is RowAction | 'divider' => !!a);
  const primary = compact ? undefined : present.find((a): a is RowAction => a !== 'divider' && !!a.primary);
  const inMenu = present.filter((a) => a === 'divider' || (a !== primary && (compact || !a.phoneOnly)));
  const items: MenuProps['items'] = inMenu.map((a, i) =>
    a === 'divider' ? { type: 'divider', key: `divider-${i}` } : { key: a.key, icon: a.icon, label: a.label, danger: a.danger, disabled: a.disabled },
  );
  const byKey = new Map(inMenu.flatMap((a) => (a === 'divider' ? [] : [[a.key, a] as const])));

  return (
    <Flex gap={0} align="center">
      {primary && (
        <Button size="small" type="link" icon={primary.icon} onClick={primary.onClick}>
          {primary.label}
        </Button>
      )}
      {extra}
      {byKey.size > 0 && (
        <Dropdown trigger={['click']} menu={{ items, onClick: ({ key }) => byKey.get(key)?.onClick() }}>
          <Button size="small" type="text" icon={<MoreOutlined />} aria-label={t('common.moreActionsFor', { name })} />
        </Dropdown>
      )}
    </Flex>
  );
}
