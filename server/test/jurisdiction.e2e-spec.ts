import {
  type DisclosureCalendar,
  type DisclosureDraft,
  type PowerItemContentInput,
  type DeadlineRules,
  type ErrorCode,
  type ReportReceipt,
  type RouteInput,
  type RouteSpec,
  STAFF_ROLES,
  type StaffRole,
  contract,
} from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { withContext } from '../../test/support/jest-helpers.js';
import {
  county,
  disclosure,
  province,
  fileReport,
  powerItem,
  type Region,
  reportBody,
  smallJpeg,
  type StaffFixture,
  TEST_PASSWORD,
  staffAccount,
  township,
  village,
} from './factories/index.js';
import { uploaded } from './factories/report-uploads.js';
import { DATABASE_KINDS } from './support/databases.js';
import { type RouteAnswer, startTestApp, type TestApp } from './support/test-app.js';
import { totpCode } from './support/totp.js';

type Contract = typeof contract;
const ROLES = Object.keys(STAFF_ROLES) as StaffRole[];
/** Who calls: a role, or nobody signed in. */
type Who = StaffRole | 'nobody';
/** What a caller must get: the route's success status, or an error status with its code. */
type Outcome = 200 | 201 | `${number} ${ErrorCode}`;

/** What the table's requests work on: 桃源镇 and its village 东山村, one account of each role there. */
interface World {
  t: TestApp;
  staff: Record<StaffRole, StaffFixture>;
  dongshan: Region;
  /** A real-name report on 东山村. */
  report: ReportReceipt;
  powerItemId: number;
  /** A published disclosure of 东山村 with a table. */
  disclosureId: number;
  /** An account the admin routes rename and reset. */
  target: StaffFixture;
  /** The admin above the county, who alone keeps the national holiday calendar. */
  provinceAdmin: StaffFixture;
  /** Where each role's account works, for accounts made afresh. */
  homes: Record<StaffRole, Region>;
  /** The rules in force, as the admin reads them. */
  rules: DeadlineRules;
  /** The 三务公开 calendar in force, as the admin reads it. */
  disclosureCalendar: DisclosureCalendar;
  /** A small JPEG, base64, as an upload carries it. */
  photo: string;
}

/** One route of the table: what each caller must get, and a valid request, made afresh for each caller. */
interface Row<R extends RouteSpec> {
  route: R;
  outcomes: Partial<Record<Who, Outcome>>;
  input(w: World): RouteInput<R> | Promise<RouteInput<R>>;
  /** Each caller signs in afresh (signing out ends the session it is called with). */
  freshSession?: boolean;
  /** The account that calls for a role, where it is not the world's account of that role. */
  callers?: Partial<Record<StaffRole, (w: World) => StaffFixture | Promise<StaffFixture>>>;
}

function row<R extends RouteSpec>(
  route: R,
  outcomes: Partial<Record<Who, Outcome>>,
  input: Row<R>['input'],
  freshSession = false,
  callers?: Row<R>['callers'],
): Row<R> {
  return { route, outcomes, input, freshSession, callers };
}

/** A public route: it answers without a session. */
const open = (outcome: Outcome): Partial<Record<Who, Outcome>> => ({ nobody: outcome });

/** A staff route: 401 without a session, 403 to every role not named, and what each named role gets. */
function staffOnly(allowed: Partial<Record<StaffRole, Outcome>>): Record<Who, Outcome> {
  const outcomes: Partial<Record<Who, Outcome>> = { nobody: '401 UNAUTHENTICATED' };
  for (const role of ROLES) outcomes[role] = allowed[role] ?? '403 FORBIDDEN';
  return outcomes as Record<Who, Outcome>;
}

/** Every role alike: a route for any signed-in account. */
const everyRole = (outcome: Outcome): Partial<Record<StaffRole, Outcome>> => Object.fromEntries(ROLES.map((role) => [role, outcome]));

/** An account of the role made for one call, in the world's region for that role. */
const freshAccount = (w: World, role: StaffRole, fields: { twoFactor?: boolean } = {}) => staffAccount(w.t, role, w.homes[role], fields);
const freshCallers = (fields: { twoFactor?: boolean } = {}) =>
  Object.fromEntries(ROLES.map((role) => [role, (w: World) => freshAccount(w, role, fields)])) as Row<RouteSpec>['callers'];

const CASE_STAFF = { township_handler: 200, county_supervisor: 200 } as const;
const PUBLISHING_STAFF = { village_publisher: 200, village_supervisor: 200, township_handler: 200, county_supervisor: 200 } as const;

const DRAFT: DisclosureDraft = {
  kind: 'village',
  type: 'other',
  title: '村道维修情况公示',
  period: '2026-09',
  body: '村道维修已完工，现予公示。',
  table: null,
};
/** A made-up resident ID number with a correct check character. */
const ID_NUMBER = '341821199003074538';

let accounts = 0;

const p = contract.publishing;
const asPublisher = (w: World) => w.staff.village_publisher;
/** A disclosure of 东山村 at each step of co-signing, made through the API. */
const draftId = async (w: World) => (await w.t.call(p.create, { body: DRAFT }, asPublisher(w))).body.id;
const submittedId = async (w: World) => {
  const id = await draftId(w);
  expect((await w.t.call(p.submit, { params: { id } }, asPublisher(w))).ok).toBe(true);
  return id;
};
const publishedId = async (w: World) => {
  const id = await submittedId(w);
  expect((await w.t.call(p.cosign, { params: { id } }, w.staff.village_supervisor)).ok).toBe(true);
  return id;
};
/** A draft of 东山村 with a photo, and the photo's id. */
const attachedDraft = async (w: World) => {
  const id = await draftId(w);
  const body = { fileName: '凭证.jpg', contentBase64: w.photo };
  const added = await w.t.call(p.uploadAttachment, { params: { id }, body }, asPublisher(w));
  return { id, attachmentId: added.body.open!.attachments[0]!.id };
};
/** A report of 东山村 filed with a photo, and the photo's id. */
const reportPhoto = async (w: World) => {
  const { id } = await uploaded(w.t, Buffer.from(w.photo, 'base64'));
  const { reportNo } = (await w.t.call(contract.report.create, { body: reportBody(w.dongshan, { attachments: [id] }) })).body;
  const [photo] = (await w.t.call(contract.case.get, { params: { reportNo } }, w.staff.township_handler)).body.attachments;
  return { reportNo, attachmentId: photo!.id };
};
const publishedAttachment = async (w: World) => {
  const attached = await attachedDraft(w);
  expect((await w.t.call(p.submit, { params: { id: attached.id } }, asPublisher(w))).ok).toBe(true);
  expect((await w.t.call(p.cosign, { params: { id: attached.id } }, w.staff.village_supervisor)).ok).toBe(true);
  return attached;
};
/** A report of 东山村 that the township has answered. */
const repliedCase = async (w: World, overrides: Parameters<typeof fileReport>[2] = {}) => {
  const { reportNo, queryCode } = await fileReport(w.t, w.dongshan, overrides);
  const handler = w.staff.township_handler;
  expect((await w.t.call(contract.case.act, { params: { reportNo }, body: { action: 'accept' } }, handler)).ok).toBe(true);
  expect(
    (
      await w.t.call(
        contract.case.act,
        { params: { reportNo }, body: { action: 'reply', text: '经核查，补贴已按名单重新发放。' } },
        handler,
      )
    ).ok,
  ).toBe(true);
  return { reportNo, queryCode };
};
const repliedReport = async (w: World) => (await repliedCase(w)).queryCode;
/** A 回访 is only for a reporter who can be called back. */
const repliedRealNameNo = async (w: World) =>
  (await repliedCase(w, { mode: 'real_name', reporter: { name: '张三', phone: '13800138000' } })).reportNo;

/** A report that arrived by letter two months ago and was never accepted: overdue, so the county may 督办 it. */
const lateCaseNo = async (w: World) => {
  const receivedOn = new Date(w.t.clock.now().getTime() - 60 * 86_400_000).toISOString().slice(0, 10);
  const body = { ...reportBody(w.dongshan), channel: 'letter' as const, receivedOn };
  return (await w.t.call(contract.case.recordOffline, { body }, w.staff.township_handler)).body.reportNo;
};
/** A late case the county has 督办ed, for the township to answer. */
const supervisedCaseNo = async (w: World) => {
  const reportNo = await lateCaseNo(w);
  const dueOn = new Date(w.t.clock.now().getTime() + 8 * 86_400_000).toISOString().slice(0, 10);
  const body = { text: '请于一周内核实补贴发放情况并回复县纪委', dueOn };
  expect((await w.t.call(contract.case.supervise, { params: { reportNo }, body }, w.staff.county_supervisor)).ok).toBe(true);
  return reportNo;
};

const pl = contract.powerList;
const POWER_READERS = { county_supervisor: 200, township_handler: 200, village_publisher: 200, village_supervisor: 200 } as const;
const POWER_TEMPLATE: PowerItemContentInput = {
  category: 'village_affairs',
  title: '村民建房申请',
  basis: '《中华人民共和国土地管理法》第六十二条',
  responsible: '村民委员会主任',
  publicity: ['申请人及建房位置'],
  chart: {
    nodes: [
      { id: 'a', label: '农户申请' },
      { id: 'b', label: '村民会议讨论', end: true },
    ],
    edges: [{ from: 'a', to: 'b' }],
  },
};
/** A new template of the county, and (when asked) 东山村's copy of it with a newer version on offer. */
const templateId = async (w: World) => (await w.t.call(pl.createTemplate, { body: POWER_TEMPLATE }, w.staff.county_supervisor)).body.id;
const adoptedItemId = async (w: World) =>
  (await w.t.call(pl.adopt, { params: { code: w.dongshan.code }, body: { templateId: await templateId(w) } }, asPublisher(w))).body.id;
const offeredItem = async (w: World) => {
  const item = (await w.t.call(pl.adopt, { params: { code: w.dongshan.code }, body: { templateId: await templateId(w) } }, asPublisher(w)))
    .body;
  const template = item.template!;
  expect(
    (
      await w.t.call(
        pl.updateTemplate,
        { params: { id: template.id }, body: { ...POWER_TEMPLATE, basis: '《土地管理法》第六十二条', version: 1 } },
        w.staff.county_supervisor,
      )
    ).ok,
  ).toBe(true);
  return { params: { id: item.id }, body: { version: item.version, templateVersion: 2 } };
};

/** A published recipient list naming the same person twice, and the red flag that raises. */
const openRedFlagId = async (w: World) => {
  const row = ['王大山', ID_NUMBER, '耕地地力保护补贴', '1200.00'];
  const list: DisclosureDraft = {
    ...DRAFT,
    kind: 'finance',
    type: 'subsidy_list',
    title: '耕地地力保护补贴发放名单',
    table: { columns: ['姓名', '身份证号', '补贴项目', '补贴金额（元）'], rows: [row, row] },
  };
  const { id } = (await w.t.call(p.create, { body: list }, asPublisher(w))).body;
  expect((await w.t.call(p.submit, { params: { id } }, asPublisher(w))).ok).toBe(true);
  expect((await w.t.call(p.cosign, { params: { id } }, w.staff.village_supervisor)).ok).toBe(true);
  const flags = (await w.t.call(contract.redFlag.list, {}, w.staff.township_handler)).body.items;
  const flag = flags.find((f) => f.disclosureId === id && f.status === 'open');
  if (!flag) throw new Error('a list naming one person twice raises a red flag');
  return flag.id;
};

type Table = { [A in keyof Contract]: { [N in keyof Contract[A]]: Contract[A][N] extends RouteSpec ? Row<Contract[A][N]> : never } };

/** Every route of the contract, with the status each caller must get. */
const TABLE: Table = {
  village: {
    page: row(contract.village.page, open(200), (w) => ({ params: { code: w.dongshan.code } })),
    disclosures: row(contract.village.disclosures, open(200), (w) => ({ params: { code: w.dongshan.code } })),
    qrSvg: row(contract.village.qrSvg, open(200), (w) => ({ params: { code: w.dongshan.code } })),
    qrPng: row(contract.village.qrPng, open(200), (w) => ({ params: { code: w.dongshan.code } })),
    powerItem: row(contract.village.powerItem, open(200), (w) => ({ params: { id: w.powerItemId } })),
    disclosure: row(contract.village.disclosure, open(200), (w) => ({ params: { id: w.disclosureId } })),
    disclosureVersion: row(contract.village.disclosureVersion, open(200), (w) => ({ params: { id: w.disclosureId, versionNo: 1 } })),
    disclosureTable: row(contract.village.disclosureTable, open(200), (w) => ({ params: { id: w.disclosureId } })),
    disclosureAttachment: row(contract.village.disclosureAttachment, open(200), async (w) => ({ params: await publishedAttachment(w) })),
    subsidyLookup: row(contract.village.subsidyLookup, open(200), (w) => ({
      params: { code: w.dongshan.code },
      body: { name: '王大山', idNumber: ID_NUMBER },
    })),
  },
  report: {
    create: row(contract.report.create, open(201), (w) => ({ body: reportBody(w.dongshan) })),
    lookup: row(contract.report.lookup, open(200), (w) => ({ body: { queryCode: w.report.queryCode } })),
  },
  system: {
    health: row(contract.system.health, open(200), () => ({})),
    privacy: row(contract.system.privacy, open(200), () => ({})),
  },
  staff: {
    login: row(contract.staff.login, open(200), (w) => ({
      body: { username: w.staff.township_handler.username, password: TEST_PASSWORD },
    })),
    logout: row(contract.staff.logout, staffOnly(everyRole(200)), () => ({}), true),
    me: row(contract.staff.me, staffOnly(everyRole(200)), () => ({})),
    loginTwoFactor: row(contract.staff.loginTwoFactor, open(200), async (w) => {
      const account = await freshAccount(w, 'township_handler');
      const first = (await w.t.call(contract.staff.login, { body: { username: account.username, password: TEST_PASSWORD } })).body;
      if (!('twoFactorChallenge' in first)) throw new Error('a township handler signs in with a code');
      return { body: { challenge: first.twoFactorChallenge, code: await totpCode(account.totpSecret!, w.t.clock.now().getTime() / 1000) } };
    }),
    // Each caller a new account, so no password of the table's accounts changes.
    changePassword: row(
      contract.staff.changePassword,
      staffOnly(everyRole(200)),
      () => ({ body: { currentPassword: TEST_PASSWORD, newPassword: '绿水青山就是金山银山2026' } }),
      false,
      freshCallers(),
    ),
    twoFactorSetup: row(
      contract.staff.twoFactorSetup,
      staffOnly({ ...everyRole('409 TWO_FACTOR_ALREADY_ENABLED'), village_publisher: 200, village_supervisor: 200 }),
      () => ({}),
      false,
      freshCallers(),
    ),
    twoFactorConfirm: row(
      contract.staff.twoFactorConfirm,
      staffOnly(everyRole('409 TWO_FACTOR_SETUP_NOT_STARTED')),
      () => ({ body: { code: '123456' } }),
      false,
      freshCallers({ twoFactor: false }),
    ),
  },
  admin: {
    accounts: row(contract.admin.accounts, staffOnly({ admin: 200 }), () => ({})),
    createAccount: row(contract.admin.createAccount, staffOnly({ admin: 201 }), (w) => ({
      body: { username: `new-account-${++accounts}`, displayName: '新来的文书', role: 'village_publisher', regionCode: w.dongshan.code },
    })),
    updateAccount: row(contract.admin.updateAccount, staffOnly({ admin: 200 }), (w) => ({
      params: { id: w.target.id },
      body: { displayName: '改名后的文书' },
    })),
    resetPassword: row(contract.admin.resetPassword, staffOnly({ admin: 200 }), (w) => ({ params: { id: w.target.id } })),
    calendar: row(contract.admin.calendar, staffOnly({ admin: 200 }), () => ({})),
    // The admin of a province; a county's admin gets 403 (calendar.e2e-spec).
    setCalendarYear: row(
      contract.admin.setCalendarYear,
      staffOnly({ admin: 200 }),
      () => ({ params: { year: 2027 }, body: { holidays: ['2027-01-01'], workdays: [] } }),
      false,
      { admin: (w) => w.provinceAdmin },
    ),
    deadlineRules: row(contract.admin.deadlineRules, staffOnly({ admin: 200 }), () => ({})),
    setDeadlineRules: row(contract.admin.setDeadlineRules, staffOnly({ admin: 200 }), (w) => ({ body: w.rules })),
    resetDeadlineRules: row(contract.admin.resetDeadlineRules, staffOnly({ admin: 200 }), () => ({})),
    auditLog: row(contract.admin.auditLog, staffOnly({ admin: 200 }), () => ({})),
  },
  case: {
    list: row(contract.case.list, staffOnly(CASE_STAFF), () => ({})),
    get: row(contract.case.get, staffOnly(CASE_STAFF), (w) => ({ params: { reportNo: w.report.reportNo } })),
    act: row(contract.case.act, staffOnly(CASE_STAFF), (w) => ({
      params: { reportNo: w.report.reportNo },
      body: { action: 'note', text: '已电话联系村委会核实' },
    })),
    callbackRating: row(contract.case.callbackRating, staffOnly({ county_supervisor: 200 }), async (w) => ({
      params: { reportNo: await repliedRealNameNo(w) },
      body: { rating: 'basically_satisfied', note: '电话回访，村民表示基本满意' },
    })),
    supervise: row(contract.case.supervise, staffOnly({ county_supervisor: 200 }), async (w) => ({
      params: { reportNo: await lateCaseNo(w) },
      body: {
        text: '请于一周内核实补贴发放情况并回复县纪委',
        dueOn: new Date(w.t.clock.now().getTime() + 8 * 86_400_000).toISOString().slice(0, 10),
      },
    })),
    urge: row(contract.case.urge, staffOnly({ county_supervisor: 200 }), async (w) => ({
      params: { reportNo: await lateCaseNo(w) },
      body: { text: '请抓紧办理' },
    })),
    answerSupervision: row(contract.case.answerSupervision, staffOnly({ township_handler: 200 }), async (w) => ({
      params: { reportNo: await supervisedCaseNo(w) },
      body: { text: '已入户核实，补发的补贴本周内到账。' },
    })),
    transfersOut: row(contract.case.transfersOut, staffOnly({ township_handler: 200 }), () => ({})),
    mark: row(contract.case.mark, staffOnly(CASE_STAFF), async (w) => ({
      body: { mark: 'invalid', reportNos: [(await fileReport(w.t, w.dongshan)).reportNo], reason: '测试提交，内容为空' },
    })),
    reveal: row(contract.case.reveal, staffOnly(CASE_STAFF), (w) => ({ params: { reportNo: w.report.reportNo } })),
    recordOffline: row(contract.case.recordOffline, staffOnly({ township_handler: 201, county_supervisor: 201 }), (w) => ({
      body: { ...reportBody(w.dongshan), channel: 'phone', receivedOn: '2026-09-30' },
    })),
    alerts: row(contract.case.alerts, staffOnly(CASE_STAFF), () => ({})),
    villages: row(contract.case.villages, staffOnly(CASE_STAFF), () => ({})),
    handlers: row(contract.case.handlers, staffOnly(CASE_STAFF), () => ({})),
    townships: row(contract.case.townships, staffOnly(CASE_STAFF), () => ({})),
    stats: row(contract.case.stats, staffOnly({ county_supervisor: 200 }), () => ({})),
  },
  reporter: {
    rate: row(contract.reporter.rate, open(200), async (w) => ({ body: { queryCode: await repliedReport(w), rating: 'satisfied' } })),
    requestReview: row(contract.reporter.requestReview, open(200), async (w) => {
      const queryCode = await repliedReport(w);
      expect((await w.t.call(contract.reporter.rate, { body: { queryCode, rating: 'unsatisfied' } })).ok).toBe(true);
      return { body: { queryCode, reason: '答复没有说明多领补贴的是谁。' } };
    }),
    addInfo: row(contract.reporter.addInfo, open(200), async (w) => ({
      body: { queryCode: (await fileReport(w.t, w.dongshan)).queryCode, text: '还有两户也是这样。' },
    })),
  },
  // Without a reporter's session in X-Reporter-Token each route is refused (reporter-accounts.e2e-spec signs reporters in).
  reporterAccount: {
    // WeChat is not configured here: the sign-in says so.
    wechatLogin: row(contract.reporterAccount.wechatLogin, open('503 WECHAT_UNAVAILABLE'), () => ({ body: { code: 'wx-login-code' } })),
    wechatPhone: row(contract.reporterAccount.wechatPhone, open('401 REPORTER_SESSION_EXPIRED'), () => ({
      body: { code: 'wx-phone-code' },
    })),
    myReports: row(contract.reporterAccount.myReports, open('401 REPORTER_SESSION_EXPIRED'), () => ({})),
    myReport: row(contract.reporterAccount.myReport, open('401 REPORTER_SESSION_EXPIRED'), (w) => ({ params: { ref: w.report.reportNo } })),
    rate: row(contract.reporterAccount.rate, open('401 REPORTER_SESSION_EXPIRED'), (w) => ({
      params: { ref: w.report.reportNo },
      body: { rating: 'satisfied' },
    })),
    requestReview: row(contract.reporterAccount.requestReview, open('401 REPORTER_SESSION_EXPIRED'), (w) => ({
      params: { ref: w.report.reportNo },
      body: { reason: '答复没有说明多领补贴的是谁。' },
    })),
    addInfo: row(contract.reporterAccount.addInfo, open('401 REPORTER_SESSION_EXPIRED'), (w) => ({
      params: { ref: w.report.reportNo },
      body: { text: '还有两户也是这样。' },
    })),
    // Signing out without a session is no error.
    signOut: row(contract.reporterAccount.signOut, open(200), () => ({})),
  },
  publishing: {
    list: row(p.list, staffOnly(PUBLISHING_STAFF), () => ({})),
    get: row(p.get, staffOnly(PUBLISHING_STAFF), (w) => ({ params: { id: w.disclosureId } })),
    create: row(p.create, staffOnly({ village_publisher: 201 }), () => ({ body: DRAFT })),
    saveDraft: row(p.saveDraft, staffOnly({ village_publisher: 200 }), async (w) => ({
      params: { id: await draftId(w) },
      body: { ...DRAFT, title: '村道维修情况公示（修改）' },
    })),
    submit: row(p.submit, staffOnly({ village_publisher: 200 }), async (w) => ({ params: { id: await draftId(w) } })),
    cosign: row(p.cosign, staffOnly({ village_supervisor: 200 }), async (w) => ({ params: { id: await submittedId(w) } })),
    sendBack: row(p.sendBack, staffOnly({ village_supervisor: 200 }), async (w) => ({
      params: { id: await submittedId(w) },
      body: { comment: '请写明施工单位' },
    })),
    correct: row(p.correct, staffOnly({ village_publisher: 200 }), async (w) => ({
      params: { id: await publishedId(w) },
      body: { reason: '完工日期写错了' },
    })),
    withdraw: row(p.withdraw, staffOnly({ village_publisher: 200 }), async (w) => ({
      params: { id: await publishedId(w) },
      body: { reason: '重复公开了同一事项' },
    })),
    template: row(p.template, staffOnly(PUBLISHING_STAFF), () => ({ params: { type: 'subsidy_list' } })),
    importTable: row(p.importTable, staffOnly({ village_publisher: 200 }), () => ({
      body: { type: 'other', format: 'csv', file: Buffer.from('序号,事项,内容\n1,村道维修,硬化路面200米\n').toString('base64') },
    })),
    requireCorrection: row(p.requireCorrection, staffOnly({ township_handler: 200, county_supervisor: 200 }), async (w) => ({
      params: { id: await publishedId(w) },
      body: { comment: '请补充验收情况' },
    })),
    uploadAttachment: row(p.uploadAttachment, staffOnly({ village_publisher: 201 }), async (w) => ({
      params: { id: await draftId(w) },
      body: { fileName: '凭证.jpg', contentBase64: w.photo },
    })),
    deleteAttachment: row(p.deleteAttachment, staffOnly({ village_publisher: 200 }), async (w) => ({ params: await attachedDraft(w) })),
    attachment: row(p.attachment, staffOnly(PUBLISHING_STAFF), async (w) => ({ params: await attachedDraft(w) })),
    overdue: row(p.overdue, staffOnly(PUBLISHING_STAFF), () => ({})),
    calendar: row(p.calendar, staffOnly({ admin: 200 }), () => ({})),
    setCalendar: row(p.setCalendar, staffOnly({ admin: 200 }), (w) => ({ body: w.disclosureCalendar })),
  },
  redFlag: {
    list: row(contract.redFlag.list, staffOnly(CASE_STAFF), () => ({})),
    dismiss: row(contract.redFlag.dismiss, staffOnly(CASE_STAFF), async (w) => ({
      params: { id: await openRedFlagId(w) },
      body: { reason: '同一户分两次登记，已核实无误' },
    })),
    openCase: row(contract.redFlag.openCase, staffOnly(CASE_STAFF), async (w) => ({ params: { id: await openRedFlagId(w) } })),
    saveRoster: row(contract.redFlag.saveRoster, staffOnly({ township_handler: 200 }), (w) => ({
      body: { villageCode: w.dongshan.code, entries: [{ name: '赵德明', idNumber: '11010519491231002X', position: '村委会主任' }] },
    })),
    saveDeceased: row(contract.redFlag.saveDeceased, staffOnly({ township_handler: 200 }), () => ({
      body: { entries: [{ name: '孙老汉', idNumber: '341821197001011235', diedOn: '2026-03-01' }] },
    })),
    saveStandard: row(contract.redFlag.saveStandard, staffOnly({ county_supervisor: 200 }), () => ({
      body: { type: 'subsidy_list', minAmount: 100, maxAmount: 3000 },
    })),
  },
  powerList: {
    templates: row(pl.templates, staffOnly(POWER_READERS), () => ({})),
    template: row(pl.template, staffOnly(POWER_READERS), async (w) => ({ params: { id: await templateId(w) } })),
    createTemplate: row(pl.createTemplate, staffOnly({ county_supervisor: 201 }), () => ({ body: POWER_TEMPLATE })),
    updateTemplate: row(pl.updateTemplate, staffOnly({ county_supervisor: 200 }), async (w) => ({
      params: { id: await templateId(w) },
      body: { ...POWER_TEMPLATE, title: '农村村民住宅建设申请', version: 1 },
    })),
    villageList: row(pl.villageList, staffOnly(POWER_READERS), (w) => ({ params: { code: w.dongshan.code } })),
    adopt: row(pl.adopt, staffOnly({ village_publisher: 201, township_handler: 201 }), async (w) => ({
      params: { code: w.dongshan.code },
      body: { templateId: await templateId(w) },
    })),
    item: row(pl.item, staffOnly(POWER_READERS), (w) => ({ params: { id: w.powerItemId } })),
    saveItem: row(pl.saveItem, staffOnly({ village_publisher: 200, township_handler: 200 }), async (w) => ({
      params: { id: await adoptedItemId(w) },
      body: { ...POWER_TEMPLATE, responsible: '村党组织书记', version: 1 },
    })),
    acceptUpdate: row(pl.acceptUpdate, staffOnly({ village_publisher: 200, township_handler: 200 }), offeredItem),
    declineUpdate: row(pl.declineUpdate, staffOnly({ village_publisher: 200, township_handler: 200 }), offeredItem),
  },
  reportAttachment: {
    // The route takes one multipart file; a call with a JSON body is the wrong kind, from anyone.
    upload: row(contract.reportAttachment.upload, open('415 UNSUPPORTED_MEDIA_TYPE'), () => ({})),
    caseAttachment: row(contract.reportAttachment.caseAttachment, staffOnly(CASE_STAFF), async (w) => ({ params: await reportPhoto(w) })),
  },
  notification: {
    templates: row(contract.notification.templates, open(200), () => ({})),
    grantSubscriptions: row(contract.notification.grantSubscriptions, open('401 REPORTER_SESSION_EXPIRED'), (w) => ({
      params: { ref: w.report.reportNo },
      body: { results: {} },
    })),
    // No SMS provider is configured here: phone sign-in says so.
    sendPhoneCode: row(contract.notification.sendPhoneCode, open('503 SMS_UNAVAILABLE'), () => ({ body: { phone: '13800001111' } })),
    openPhoneSession: row(contract.notification.openPhoneSession, open('503 SMS_UNAVAILABLE'), () => ({
      body: { phone: '13800001111', code: '123456' },
    })),
  },
  poster: {
    pdf: row(contract.poster.pdf, staffOnly(CASE_STAFF), (w) => ({ query: { township: w.dongshan.code.slice(0, 9) } })),
    html: row(contract.poster.html, staffOnly(CASE_STAFF), (w) => ({ query: { village: w.dongshan.code } })),
  },
};

const ROWS = Object.entries(TABLE).flatMap(([area, routes]) =>
  Object.entries(routes as Record<string, Row<RouteSpec>>).map(([name, r]) => ({
    id: `${area}.${name}`,
    name: `${r.route.method} ${r.route.path}`,
    row: r,
  })),
);
/** The staff routes of cases and accounts: village staff may be the very people reported on. */
const CASE_AND_ADMIN_ROWS = ROWS.filter(({ id }) => id.startsWith('case.') || id.startsWith('admin.'));

async function callAs<R extends RouteSpec>(w: World, r: Row<R>, who: Who, input?: RouteInput<R>): Promise<RouteAnswer<R>> {
  const account = who === 'nobody' ? undefined : ((await r.callers?.[who]?.(w)) ?? w.staff[who]);
  const as = account && r.freshSession ? await w.t.signIn(account) : account;
  return w.t.call(r.route, input ?? (await r.input(w)), as);
}

/** Whether the table refuses the caller before the request is looked at: one prepared request serves them all. */
const isRefusal = (outcome: Outcome | undefined) => outcome === '401 UNAUTHENTICATED' || outcome === '403 FORBIDDEN';

/** The answer as the table writes it; a success must also carry what the route declares. */
function outcomeOf(res: RouteAnswer<RouteSpec>): number | string {
  if (res.ok) {
    if (res.route.produces) expect([res.route.produces].flat()).toContain(String(res.headers['content-type']).split(';')[0]);
    else expect(res.body).toBeDefined(); // reading it checks it against the route's schema
    return res.status;
  }
  try {
    return `${res.status} ${res.error.code}`;
  } catch {
    return `${res.status} ${res.text.slice(0, 100)}`;
  }
}

describe.each(DATABASE_KINDS)('jurisdiction on %s', (kind) => {
  let t: TestApp;
  let w: World;
  let shimenHandler: StaffFixture;
  beforeAll(async () => {
    t = await startTestApp(kind);
    const qingshui = await county(t);
    const taoyuan = await township(t, qingshui, { name: '桃源镇' });
    const dongshan = await village(t, taoyuan, { name: '东山村' });
    const shimen = await township(t, qingshui, { name: '石门乡' });
    await village(t, shimen, { name: '石门村' });
    shimenHandler = await staffAccount(t, 'township_handler', shimen, { displayName: '王石门' });
    const staff: Record<StaffRole, StaffFixture> = {
      admin: await staffAccount(t, 'admin', qingshui),
      county_supervisor: await staffAccount(t, 'county_supervisor', qingshui),
      township_handler: await staffAccount(t, 'township_handler', taoyuan, { displayName: '李桃源' }),
      village_publisher: await staffAccount(t, 'village_publisher', dongshan),
      village_supervisor: await staffAccount(t, 'village_supervisor', dongshan),
    };
    w = {
      t,
      dongshan,
      staff,
      target: await staffAccount(t, 'village_publisher', dongshan),
      provinceAdmin: await staffAccount(t, 'admin', await province(t)),
      homes: {
        admin: qingshui,
        county_supervisor: qingshui,
        township_handler: taoyuan,
        village_publisher: dongshan,
        village_supervisor: dongshan,
      },
      report: await fileReport(t, dongshan, { mode: 'real_name', reporter: { name: '张秀英', phone: '13912345678' } }),
      powerItemId: await powerItem(t, dongshan),
      disclosureId: await disclosure(t, dongshan, {
        table: { columns: ['序号', '事项', '内容'], rows: [['1', '村道维修', '硬化路面200米']] },
      }),
      rules: (await t.call(contract.admin.deadlineRules, {}, staff.admin)).body.rules,
      disclosureCalendar: (await t.call(p.calendar, {}, staff.admin)).body.calendar,
      photo: (await smallJpeg()).toString('base64'),
    };
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each(CASE_AND_ADMIN_ROWS)('refuses $name to a role it is not for', async ({ row: r }) => {
    const res = await callAs(w, r, 'village_publisher');
    expect(res.status).toBe(403);
    expect(res.error.code).toBe('FORBIDDEN');
  });

  it.each(CASE_AND_ADMIN_ROWS)('refuses $name without a session', async ({ row: r }) => {
    const res = await callAs(w, r, 'nobody');
    expect(res.status).toBe(401);
    expect(res.error.code).toBe('UNAUTHENTICATED');
  });

  it('answers another township’s case exactly as a case that does not exist', async () => {
    const report = await fileReport(t, w.dongshan, { mode: 'real_name', reporter: { name: '刘桂兰', phone: '13700001111' } });
    const mine = { params: { reportNo: report.reportNo } };
    const nowhere = { params: { reportNo: '2222222222' } };
    const note = { action: 'note', text: '越权测试' } as const;
    const pairs: [string, RouteAnswer<RouteSpec>, RouteAnswer<RouteSpec>][] = [
      ['get', await t.call(contract.case.get, mine, shimenHandler), await t.call(contract.case.get, nowhere, shimenHandler)],
      [
        'act',
        await t.call(contract.case.act, { ...mine, body: note }, shimenHandler),
        await t.call(contract.case.act, { ...nowhere, body: note }, shimenHandler),
      ],
      ['reveal', await t.call(contract.case.reveal, mine, shimenHandler), await t.call(contract.case.reveal, nowhere, shimenHandler)],
    ];
    for (const [name, theirs, missing] of pairs) {
      await withContext(name, () => {
        expect(theirs.status).toBe(404);
        expect(theirs.error).toEqual(missing.error);
        expect(theirs.error.code).toBe('CASE_NOT_FOUND');
      });
    }
    expect((await t.call(contract.case.list, {}, shimenHandler)).body.items).toEqual([]);
    expect((await t.call(contract.case.list, { query: { village: w.dongshan.code } }, shimenHandler)).body.items).toEqual([]);
    expect((await t.call(contract.case.alerts, {}, shimenHandler)).body.items).toEqual([]);
    const villages = (await t.call(contract.case.villages, {}, shimenHandler)).body.items;
    expect(villages.map((v) => v.name)).toEqual(['石门村']);
    const handlers = (await t.call(contract.case.handlers, {}, shimenHandler)).body.items;
    expect(handlers.map((h) => h.displayName)).toEqual(['王石门']);
    const offline = await t.call(
      contract.case.recordOffline,
      { body: { ...reportBody(w.dongshan), channel: 'phone', receivedOn: '2026-09-30' } },
      shimenHandler,
    );
    expect(offline.error.code).toBe('VILLAGE_NOT_FOUND');
    // Nothing about the case changed, and nobody saw who reported it.
    const detail = await t.call(contract.case.get, mine, w.staff.township_handler);
    expect(detail.body.timeline).toHaveLength(1);
    // The refused reveal is on record; no reveal is.
    const audit = (await t.call(contract.admin.auditLog, {}, w.staff.admin)).body.items;
    expect(audit.filter((e) => e.reportNo === report.reportNo).map((e) => [e.action, e.actor])).toEqual([['reveal_refused', '王石门']]);
  });

  it('implements every route of the contract, and gives each the roles the contract names', () => {
    const declared = Object.entries(contract).flatMap(([area, routes]) => Object.keys(routes).map((name) => `${area}.${name}`));
    expect(ROWS.map((r) => r.id).sort()).toEqual(declared.sort());
    for (const { id, row: r } of ROWS) {
      const named = ROLES.filter((role) => role in r.outcomes && r.outcomes[role] !== '403 FORBIDDEN');
      const auth = r.route.auth;
      expect({ id, named }).toEqual({
        id,
        named: auth === undefined ? [] : auth === 'any' ? ROLES : ROLES.filter((role) => auth.includes(role)),
      });
    }
  });

  it.each(ROWS)('answers $id ($name) with the status each caller must get', async ({ row: r }) => {
    const answers: Partial<Record<Who, number | string>> = {};
    let refusedInput: Promise<RouteInput<RouteSpec>> | undefined;
    for (const who of Object.keys(r.outcomes) as Who[]) {
      const input = isRefusal(r.outcomes[who]) ? await (refusedInput ??= Promise.resolve(r.input(w))) : await r.input(w);
      answers[who] = outcomeOf(await callAs(w, r, who, input));
    }
    expect(answers).toEqual(r.outcomes);
  });
});
