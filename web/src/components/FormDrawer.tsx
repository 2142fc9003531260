import { Button, Drawer, Flex } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useScreen } from './useScreen.ts';

interface FormDrawerProps {
  title: ReactNode;
  open: boolean;
  submitting: boolean;
  onClose: () => void;
  onSubmit: () => void;
  submitText?: string;
  children: ReactNode;
}

/** The drawer every create/edit form opens in: full width on a phone, save and cancel at the bottom. */
export function FormDrawer({ title, open, submitting, onClose, onSubmit, submitText, children }: FormDrawerProps) {
  const { t } = useTranslation();
  const { isWide } = useScreen();
  return (
    <Drawer
      title={title}
      open={open}
      onClose={onClose}
      size={isWide ? 560 : '100%'}
      destroyOnHidden
      mask={{ closable: !submitting }}
      closable={{ 'aria-label': t('common.close') }}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose} disabled={submitting}>
            {t('common.cancel')}
          </Button>
          <Button type="primary" loading={submitting} onClick={onSubmit}>
            {submitText ?? t('common.save')}
          </Button>
        </Flex>
      }
    >
      {children}
    </Drawer>
  );
}
