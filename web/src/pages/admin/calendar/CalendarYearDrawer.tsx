import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Flex, Form, Input, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { calendarApi, type CalendarYearDetail } from '../../../api/calendar.ts';
import { FormDrawer } from '../../../components/FormDrawer.tsx';
import { FormError } from '../../../components/FormError.tsx';
import { StaleAlert } from '../../../components/StaleAlert.tsx';
import { useScreen } from '../../../components/useScreen.ts';
import { DATE_FORMAT, formatDay, parseDay } from '../../../lib/dates.ts';
import { currentStateOf, isVersionMismatch } from '../../../lib/forms.ts';
import { useSubmit } from '../../../lib/useSubmit.ts';
import { daysOf, periodsOf } from './periods.ts';

interface PeriodValue {
  name: string;
  range: [Dayjs | null, Dayjs | null] | null;
}

interface YearForm {
  periods: PeriodValue[];
  workdays: (Dayjs | null)[];
  reason: string;
}

// Holiday problems name a day (holidays.12.date), not a period of the form: they show above it.
const FIELDS = ['workdays', 'reason'] as const;

function valuesOf(y: CalendarYearDetail): Omit<YearForm, 'reason'> {
  return {
    periods: periodsOf(y.holidays).map((p) => ({ name: p.name, range: [parseDay(p.from), parseDay(p.to)] })),
    workdays: y.workdays.map((d) => parseDay(d)),
  };
}

interface Props {
  year: CalendarYearDetail;
  onClose: () => void;
  onSaved: () => void;
}

/**
 * 录入／更正一年的节假日日历: the holiday periods and the 调休 working days of the State
 * Council's notice, sent whole, with the reason (the notice's number) for the record.
 */
export function CalendarYearDrawer({ year, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { isWide } = useScreen();
  const [form] = Form.useForm<YearForm>();
  const { submitting, failure, setFailure, run } = useSubmit(form, FIELDS);
  const [baseline, setBaseline] = useState(year);
  const [stale, setStale] = useState(false);
  const outsideYear = (d: Dayjs) => d.year() !== baseline.year;
  const firstDay = dayjs(`${baseline.year}-01-01`);

  async function handleFinish(values: YearForm) {
    const holidays = daysOf(
      values.periods.flatMap((p) => (p.range?.[0] && p.range[1] ? [{ name: p.name.trim(), from: formatDay(p.range[0])!, to: formatDay(p.range[1])! }] : [])),
    );
    const workdays = values.workdays.flatMap((d) => (d ? [formatDay(d)!] : []));
    const result = await run(() => calendarApi.set(baseline.year, baseline.version, { holidays, workdays, reason: values.reason.trim() }));
    if (result.ok) {
      void message.success(t('calendar.saved', { year: baseline.year }));
      onSaved();
    } else if (isVersionMismatch(result.error)) {
      const fresh = currentStateOf<CalendarYearDetail>(result.error) ?? (await calendarApi.get(baseline.year).catch(() => null));
      if (fresh) {
        setBaseline(fresh);
        form.setFieldsValue({ ...valuesOf(fresh), reason: values.reason });
        setFailure(null);
        setStale(true);
      }
    }
  }

  return (
    <FormDrawer title={t('calendar.editTitle', { year: baseline.year })} open submitting={submitting} onClose={onClose} onSubmit={() => form.submit()}>
      {stale && <StaleAlert />}
      <FormError error={failure?.error} unmatched={failure?.unmatched} />
      <Form<YearForm> form={form} layout="vertical" scrollToFirstError={{ block: 'center' }} initialValues={{ ...valuesOf(year), reason: '' }} onFinish={(v) => void handleFinish(v)} disabled={submitting}>
        <Typography.Title level={5}>{t('calendar.holidays')}</Typography.Title>
        <Form.List name="periods">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8} style={{ marginBottom: 24 }}>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="start" wrap={!isWide}>
                  <Form.Item
                    name={[field.name, 'name']}
                    rules={[{ required: true, whitespace: true, message: t('calendar.holidayNameRequired') }]}
                    style={{ marginBottom: 0, width: isWide ? 140 : '100%' }}
                  >
                    <Input maxLength={50} placeholder={t('calendar.holidayName')} aria-label={t('calendar.holidayName')} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'range']} rules={[{ required: true, message: t('calendar.periodRequired') }]} style={{ marginBottom: 0, flex: 1 }}>
                    <DatePicker.RangePicker
                      format={DATE_FORMAT}
                      disabledDate={outsideYear}
                      defaultPickerValue={[firstDay, firstDay]}
                      inputReadOnly={!isWide}
                      style={{ width: '100%' }}
                      aria-label={t('calendar.period')}
                    />
                  </Form.Item>
                  <Button type="text" icon={<DeleteOutlined />} aria-label={t('calendar.removePeriod')} onClick={() => remove(field.name)} />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', range: null })}>
                {t('calendar.addPeriod')}
              </Button>
            </Flex>
          )}
        </Form.List>

        <Typography.Title level={5}>{t('calendar.workdays')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('calendar.workdayHint')}</Typography.Paragraph>
        <Form.List name="workdays">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8} style={{ marginBottom: 24 }}>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="start">
                  <Form.Item name={field.name} rules={[{ required: true, message: t('calendar.workdayRequired') }]} style={{ marginBottom: 0, flex: 1 }}>
                    <DatePicker
                      format={DATE_FORMAT}
                      disabledDate={(d) => outsideYear(d) || (d.day() !== 0 && d.day() !== 6)}
                      defaultPickerValue={firstDay}
                      inputReadOnly={!isWide}
                      style={{ width: '100%' }}
                      aria-label={t('calendar.workday')}
                    />
                  </Form.Item>
                  <Button type="text" icon={<DeleteOutlined />} aria-label={t('calendar.removeWorkday')} onClick={() => remove(field.name)} />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(null)}>
                {t('calendar.addWorkday')}
              </Button>
            </Flex>
          )}
        </Form.List>

        <Form.Item name="reason" label={t('calendar.reasonLabel')} rules={[{ required: true, whitespace: true, message: t('common.reasonRequired') }]}>
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
