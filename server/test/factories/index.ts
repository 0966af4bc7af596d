// Small factories for the data a test needs; each makes exactly one thing, through the app's own
// database or API, so a test states its world in a few lines and no demo text can break it. `casework`
// makes the world most case suites share: a village, its township's handler and the county's supervisor.
export { county, province, township, village, type Region } from './regions.js';
export { staffAccount, TEST_PASSWORD, type StaffFixture } from './staff.js';
export { casework, type Casework } from './casework.js';
export { chinaMorning, fileReport, reportBody, type ReportInput } from './reports.js';
export { disclosure, powerItem, LINEAR_CHART, type DisclosureFields, type PowerItemFields } from './village-content.js';
export { hasGpsPosition, phonePhoto, PHONE_MAKE, readExif, smallJpeg, smallPdf, TAG_MAKE, TAG_ORIENTATION } from './files.js';
