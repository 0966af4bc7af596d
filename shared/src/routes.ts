import type { contract } from './contract/index.js';
import type { HttpMethod, RouteSpec } from './contract/route.js';

/**
 * Where the villager's routes live, without their schemas: the contract declares each of these
 * routes with this method and path, so a villager's page can call them without loading zod.
 */
export const VILLAGER_ROUTE_PATHS = {
  villagePage: { method: 'GET', path: '/villages/:code' },
  villageDisclosures: { method: 'GET', path: '/villages/:code/disclosures' },
  qrSvg: { method: 'GET', path: '/villages/:code/qr.svg' },
  qrPng: { method: 'GET', path: '/villages/:code/qr.png' },
  powerItem: { method: 'GET', path: '/power-items/:id' },
  disclosure: { method: 'GET', path: '/disclosures/:id' },
  disclosureVersion: { method: 'GET', path: '/disclosures/:id/versions/:versionNo' },
  disclosureTable: { method: 'GET', path: '/disclosures/:id/table.xlsx' },
  disclosureAttachment: { method: 'GET', path: '/disclosures/:id/attachments/:attachmentId' },
  subsidyLookup: { method: 'POST', path: '/villages/:code/subsidy-lookup' },
  reportCreate: { method: 'POST', path: '/reports' },
  reportLookup: { method: 'POST', path: '/reports/lookup' },
  reportUpload: { method: 'POST', path: '/uploads' },
  reporterRate: { method: 'POST', path: '/reports/rate' },
  reporterRequestReview: { method: 'POST', path: '/reports/review' },
  reporterAddInfo: { method: 'POST', path: '/reports/add-info' },
  wechatLogin: { method: 'POST', path: '/wechat/login' },
  wechatPhone: { method: 'POST', path: '/wechat/phone' },
  myReports: { method: 'GET', path: '/me/reports' },
  myReport: { method: 'GET', path: '/me/reports/:ref' },
  myReportRate: { method: 'POST', path: '/me/reports/:ref/rate' },
  myReportReview: { method: 'POST', path: '/me/reports/:ref/review' },
  myReportAddInfo: { method: 'POST', path: '/me/reports/:ref/add-info' },
  reporterSignOut: { method: 'DELETE', path: '/me/session' },
  privacy: { method: 'GET', path: '/privacy' },
} as const satisfies Record<string, { method: HttpMethod; path: string }>;

/**
 * A reporter's own sign-in (我的反映: WeChat login, or a phone checked by an SMS code) travels in this
 * header, never in `Authorization` (which marks a staff client). The token is opaque.
 */
export const REPORTER_TOKEN_HEADER = 'X-Reporter-Token';

/**
 * A route as a client calls it: method and path at run time, the contract's route as its type
 * (`spec` is never set), so inputs and answers stay typed without the schemas being loaded.
 */
export interface RouteRef<R extends RouteSpec = RouteSpec> {
  readonly method: HttpMethod;
  readonly path: string;
  readonly spec?: R;
}

type Contract = typeof contract;
const ref = <R extends RouteSpec>(route: { method: HttpMethod; path: string }): RouteRef<R> => route;
const paths = VILLAGER_ROUTE_PATHS;

/** The villager's routes, shaped like `contract` (e.g. `villagerRoutes.village.page`). */
export const villagerRoutes = {
  village: {
    page: ref<Contract['village']['page']>(paths.villagePage),
    disclosures: ref<Contract['village']['disclosures']>(paths.villageDisclosures),
    qrSvg: ref<Contract['village']['qrSvg']>(paths.qrSvg),
    qrPng: ref<Contract['village']['qrPng']>(paths.qrPng),
    powerItem: ref<Contract['village']['powerItem']>(paths.powerItem),
    disclosure: ref<Contract['village']['disclosure']>(paths.disclosure),
    disclosureVersion: ref<Contract['village']['disclosureVersion']>(paths.disclosureVersion),
    disclosureTable: ref<Contract['village']['disclosureTable']>(paths.disclosureTable),
    disclosureAttachment: ref<Contract['village']['disclosureAttachment']>(paths.disclosureAttachment),
    subsidyLookup: ref<Contract['village']['subsidyLookup']>(paths.subsidyLookup),
  },
  report: {
    create: ref<Contract['report']['create']>(paths.reportCreate),
    lookup: ref<Contract['report']['lookup']>(paths.reportLookup),
  },
  reportAttachment: {
    upload: ref<Contract['reportAttachment']['upload']>(paths.reportUpload),
  },
  reporter: {
    rate: ref<Contract['reporter']['rate']>(paths.reporterRate),
    requestReview: ref<Contract['reporter']['requestReview']>(paths.reporterRequestReview),
    addInfo: ref<Contract['reporter']['addInfo']>(paths.reporterAddInfo),
  },
  reporterAccount: {
    wechatLogin: ref<Contract['reporterAccount']['wechatLogin']>(paths.wechatLogin),
    wechatPhone: ref<Contract['reporterAccount']['wechatPhone']>(paths.wechatPhone),
    myReports: ref<Contract['reporterAccount']['myReports']>(paths.myReports),
    myReport: ref<Contract['reporterAccount']['myReport']>(paths.myReport),
    rate: ref<Contract['reporterAccount']['rate']>(paths.myReportRate),
    requestReview: ref<Contract['reporterAccount']['requestReview']>(paths.myReportReview),
    addInfo: ref<Contract['reporterAccount']['addInfo']>(paths.myReportAddInfo),
    signOut: ref<Contract['reporterAccount']['signOut']>(paths.reporterSignOut),
  },
  system: {
    privacy: ref<Contract['system']['privacy']>(paths.privacy),
  },
};
