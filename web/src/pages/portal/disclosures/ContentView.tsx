import { Descriptions, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DISCLOSURE_FIELDS, type DisclosureContent, type DisclosureKind, type FlowchartContent } from '@shared/disclosures.ts';
import { flowchartSvg } from '@shared/flowchart.ts';
import { currentLang, sharedKey } from '../../../i18n/index.ts';

/** The page's language as the shared label tables key it ('zh' | 'en'); re-renders on a switch. */
export function useLangKey(): 'zh' | 'en' {
  useTranslation();
  return sharedKey(currentLang());
}

/** A recorded time (ISO, UTC) as Beijing time, `YYYY-MM-DD HH:mm` (or the date only). */
export function chinaTime(iso: string, dateOnly = false): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const date = `${get('year')}-${get('month')}-${get('day')}`;
  return dateOnly ? date : `${date} ${get('hour')}:${get('minute')}`;
}

/** A bilingual text of this module's pages. */
export type Bi = { zh: string; en: string };

/**
 * 执法流程图, drawn from its structure by the shared renderer (src/shared/flowchart.ts): every
 * text is escaped there, so the markup is safe to insert. Scrolls sideways on a phone.
 */
export function FlowchartView({ chart }: { chart: FlowchartContent }) {
  const svg = useMemo(() => flowchartSvg(chart), [chart]);
  return <div data-testid="flowchart" style={{ overflowX: 'auto', background: '#fff' }} dangerouslySetInnerHTML={{ __html: svg }} />;
}

/** One item's content, field by field in the field table's order (the same table the server checks). */
export function ContentView({ kind, content }: { kind: DisclosureKind; content: DisclosureContent }) {
  const lang = useLangKey();
  const c = content as unknown as Record<string, unknown>;
  const items = DISCLOSURE_FIELDS[kind]
    .filter((f) => c[f.key] !== null && c[f.key] !== undefined && c[f.key] !== '')
    .map((f) => {
      const v = c[f.key];
      let children: React.ReactNode;
      if (f.type === 'enum') children = f.optionLabels?.[String(v)]?.[lang] ?? String(v);
      else if (f.type === 'lines')
        children = (
          <ol style={{ margin: 0, paddingInlineStart: 20 }}>
            {(v as string[]).map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ol>
        );
      else children = <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{String(v)}</Typography.Text>;
      return { key: f.key, label: f[lang], children };
    });
  return (
    <>
      <Descriptions size="small" column={1} bordered items={items} styles={{ label: { width: 120, whiteSpace: 'nowrap' } }} />
      {kind === 'flowchart' && (
        <div style={{ marginTop: 12 }}>
          <FlowchartView chart={content as FlowchartContent} />
        </div>
      )}
    </>
  );
}
