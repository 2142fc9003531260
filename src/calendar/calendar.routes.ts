import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../context.ts';
import { principal } from '../http/auth.ts';
import { Body, errorResponses, ifMatchVersion, Text } from '../http/schemas.ts';
import { CALENDAR_YEARS, getCalendarYear, listCalendarYears, setCalendarYear, type CalendarYearInput } from './calendar.service.ts';

const tags = ['节假日日历 calendar'];
const DateText = (description: string) => Type.String({ format: 'date', description });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const YearParams = Type.Object({ year: Type.Integer({ minimum: CALENDAR_YEARS.min, maximum: CALENDAR_YEARS.max, description: '年度' }) }, { additionalProperties: false });
const Holiday = Type.Object({ date: DateText('日期'), name: Text(50, '节日名称') }, { additionalProperties: false, description: '法定节假日（放假期间的每一天）' });

const CalendarYearSchema = Type.Object(
  {
    year: Type.Integer(),
    source: Type.Union([Type.Literal('admin'), Type.Literal('official'), Type.Literal('none')], { description: 'admin：管理员录入；official：国务院通知（内置）；none：无日历（期限按仅周末休息暂算）' }),
    holidays: Type.Array(Type.Object({ date: Type.String(), name: Type.String() })),
    workdays: Type.Array(Type.String(), { description: '调休上班日' }),
    reason: Nullable(Type.String()),
    version: Type.Integer({ description: '管理员录入的版本号（0：尚无）' }),
    updatedAt: Nullable(Type.String()),
    official: Type.Union([Type.Object({ holidays: Type.Array(Type.Object({ date: Type.String(), name: Type.String() })), workdays: Type.Array(Type.String()) }), Type.Null()]),
  },
  { $id: 'CalendarYear', description: '一年的节假日与调休安排' },
);

export async function calendarRoutes(app: FastifyInstance, ctx: Ctx): Promise<void> {
  app.addSchema(CalendarYearSchema);

  // Every user's deadlines depend on the calendar, so anyone logged in may read it.
  app.get('/api/calendar/years', {
    config: { action: 'self' },
    schema: {
      tags,
      summary: '节假日日历：各年度来源及缺失的年度（至明年）',
      response: {
        200: Type.Object({
          years: Type.Array(
            Type.Object({
              year: Type.Integer(),
              source: Type.Union([Type.Literal('admin'), Type.Literal('official')]),
              holidayCount: Type.Integer(),
              workdayCount: Type.Integer(),
              version: Type.Integer(),
              updatedAt: Nullable(Type.String()),
            }),
          ),
          missing: Type.Array(Type.Integer(), { description: '尚无日历的年度' }),
        }),
        ...errorResponses,
      },
    },
    handler: async (req) => {
      principal(req);
      return listCalendarYears(ctx);
    },
  });

  app.get<{ Params: { year: number } }>('/api/calendar/years/:year', {
    config: { action: 'self' },
    schema: { tags, summary: '某年度的节假日与调休上班日', params: YearParams, response: { 200: Type.Ref('CalendarYear'), ...errorResponses } },
    handler: async (req, reply) => {
      principal(req);
      const y = await getCalendarYear(ctx, req.params.year);
      return reply.header('etag', `"${y.version}"`).send(y);
    },
  });

  app.put<{ Params: { year: number }; Body: CalendarYearInput }>('/api/calendar/years/:year', {
    config: { action: 'calendar.manage' },
    schema: {
      tags,
      summary: '录入或更正某年度的节假日日历（整年提交；需 If-Match，新录入为 "0"；须填原因）',
      params: YearParams,
      body: Body({
        holidays: Type.Array(Holiday, { maxItems: 120 }),
        workdays: Type.Array(DateText('调休上班日（周六或周日）'), { maxItems: 30 }),
        reason: Text(500, '原因（如国务院通知文号）'),
      }),
      response: { 200: Type.Ref('CalendarYear'), ...errorResponses, 409: Type.Ref('ErrorResponse'), 428: Type.Ref('ErrorResponse') },
    },
    handler: async (req, reply) => {
      const y = await setCalendarYear(ctx, principal(req), req.params.year, req.body, ifMatchVersion(req.headers['if-match']));
      return reply.header('etag', `"${y.version}"`).send(y);
    },
  });
}
