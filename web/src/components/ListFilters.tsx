import { Input, Select } from 'antd';
import type { CSSProperties } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Select's search that matches the visible label (Chinese names), not the id value. */
export const searchByLabel = { optionFilterProp: 'label' } as const;

/** The agency filter of a list: any of the agencies the user can read, or all of them. */
export function AgencyFilter({
  agencies,
  value,
  onChange,
  maxWidth = 360,
}: {
  agencies: readonly { id: string; name: string }[];
  value: string | null;
  onChange: (agencyId: string | null) => void;
  maxWidth?: number;
}) {
  const { t } = useTranslation();
  return (
    <Select
      allowClear
      showSearch={searchByLabel}
      value={value}
      onChange={(v: string | undefined) => onChange(v ?? null)}
      options={agencies.map((a) => ({ value: a.id, label: a.name }))}
      placeholder={t('common.allAgencies')}
      aria-label={t('common.agencyFilter')}
      style={{ flex: '1 1 220px', maxWidth }}
    />
  );
}

/**
 * The search box of a list whose query lives in the URL: typing stays in the box until Enter;
 * emptying the box drops the query at once.
 */
export function SearchFilter({
  value,
  onSearch,
  placeholder,
  maxLength,
  style,
}: {
  value: string | null;
  onSearch: (q: string | null) => void;
  placeholder: string;
  maxLength?: number;
  style: CSSProperties;
}) {
  const [text, setText] = useState(value ?? '');
  return (
    <Input.Search
      allowClear
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        if (!e.target.value) onSearch(null);
      }}
      onSearch={(v) => onSearch(v.trim() || null)}
      placeholder={placeholder}
      aria-label={placeholder}
      maxLength={maxLength}
      style={style}
    />
  );
}
