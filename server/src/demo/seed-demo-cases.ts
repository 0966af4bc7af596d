import type { INestApplicationContext } from '@nestjs/common';
import type { ReportCategory } from '@mashang/shared';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { addCalendarDays, chinaDate } from '../modules/calendar/china-date.js';
import { CaseSupervision } from '../modules/case/case-supervision.js';
import { ReportRepository } from '../modules/case/report.repository.js';
import { ReportService } from '../modules/case/report.service.js';
import { CaseWorkflow } from '../modules/case/workflow/case-workflow.js';
import { StaffAccountEntity } from '../modules/staff/staff-account.entity.js';

/** One demo case: a letter a township recorded some days ago, and what the county and township did on it since. */
export interface DemoCase {
  key: string;
  villageCode: string;
  /** Who recorded the letter, and answers for the township. */
  township: string;
  category: ReportCategory;
  content: string;
  concerned?: string;
  daysAgo: number;
  supervise?: { text: string; days: number; answer?: string };
  urge?: string;
  /** Accepted by the township after the county's 督办 was answered. */
  acceptAfter?: boolean;
}

/**
 * Late cases so a newcomer sees the county's 督办 and 催办: each a petition (accepted within 15 days)
 * recorded as a letter received weeks ago, so its acceptance is overdue today. All text is fictitious
 * and anonymous: no reporter to protect, and nothing for a query code to find.
 */
export const DEMO_CASES: DemoCase[] = [
  {
    key: 'demo-case-supervised-open',
    villageCode: '341821102201',
    township: 'taoyuan',
    category: 'welfare_funds',
    content: '今年的耕地地力保护补贴，村里有几户已经外出多年没有种地的人家也领到了，真正种地的张家反而少发了，请核实补贴名单。',
    concerned: '东山村村委会',
    daysAgo: 24,
    supervise: { text: '请于7日内逐户核实东山村耕地地力保护补贴发放名单，书面回复核实结果和整改措施。', days: 7 },
    urge: '该件已逾期未受理，请抓紧受理，并按督办要求按时回复。',
  },
  {
    key: 'demo-case-supervised-answered',
    villageCode: '341821102202',
    township: 'taoyuan',
    category: 'construction',
    content: '西河村通组道路硬化工程去年完工，路面已经多处开裂，听说施工单位是村干部亲戚介绍的，验收也没有村民代表参加。',
    concerned: '西河村通组道路项目',
    daysAgo: 30,
    supervise: {
      text: '请核查西河村通组道路硬化工程的招投标、施工和验收情况，7日内书面回复县纪委。',
      days: 7,
      answer: '已调取工程招投标和验收资料，组织村民代表现场查看开裂路段；施工单位已承诺返修，镇纪委已立即受理并列入重点督查。',
    },
    acceptAfter: true,
  },
];

/**
 * Loads the demo cases through the services a township and the county use, so their clocks,
 * timelines, alerts and figures are what the real steps make. Only right after the demo county
 * itself was loaded into an empty database.
 */
export async function seedDemoCases(app: INestApplicationContext, cases: DemoCase[] = DEMO_CASES): Promise<void> {
  const intake = app.get(ReportService);
  const reports = app.get(ReportRepository);
  const workflow = app.get(CaseWorkflow);
  const supervision = app.get(CaseSupervision);
  const now = app.get(Clock).now();
  const staff = app.get(DataSource).getRepository(StaffAccountEntity);
  const county = await staff.findOneByOrFail({ username: 'county' });
  for (const demo of cases) {
    const handler = await staff.findOneByOrFail({ username: demo.township });
    const receipt = await intake.submit(
      {
        idempotencyKey: demo.key,
        villageCode: demo.villageCode,
        mode: 'anonymous',
        track: 'petition',
        category: demo.category,
        content: demo.content,
        concerned: demo.concerned,
      },
      // 09:00 in China on the day it arrived, as a letter staff record.
      { channel: 'letter', receivedAt: new Date(`${addCalendarDays(chinaDate(now), -demo.daysAgo)}T01:00:00Z`), recordedBy: handler.id },
    );
    const report = (await reports.findByReportNo(receipt.reportNo))!;
    if (demo.supervise) {
      const dueOn = addCalendarDays(chinaDate(now), demo.supervise.days);
      await supervision.supervise(report, county.id, { text: demo.supervise.text, dueOn }, null);
      if (demo.supervise.answer) await supervision.answer(report, handler.id, demo.supervise.answer, null);
    }
    if (demo.urge) await supervision.urge(report, county.id, demo.urge, null);
    if (demo.acceptAfter) {
      await workflow.apply(report, {
        action: 'accept',
        actor: `staff:${handler.id}`,
        publicText: '您反映的问题已受理，正在办理',
        internalText: null,
      });
    }
  }
}
