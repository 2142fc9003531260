import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLang, setLang, type Lang } from '../i18n/index.ts';

/** Each option is written in its own language so a user who cannot read the current one can still find theirs. */
export function LanguageSwitch({ size = 'medium' }: { size?: 'small' | 'medium' }) {
  const { t } = useTranslation();
  return (
    <Segmented<Lang>
      size={size}
      aria-label={t('language.label')}
      value={currentLang()}
      onChange={(lang) => void setLang(lang)}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'English', value: 'en' },
      ]}
    />
  );
}
