import { reportContract } from './report.js';
import { systemContract } from './system.js';
import { villageContract } from './village.js';

export const contract = {
  village: villageContract,
  report: reportContract,
  system: systemContract,
} as const;

export * from './route.js';
