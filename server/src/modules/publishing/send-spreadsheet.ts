import type { FastifyReply } from 'fastify';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends a workbook as a download with its Chinese file name (RFC 5987), never cached on the way. */
export function sendSpreadsheet(reply: FastifyReply, fileName: string, workbook: Buffer): FastifyReply {
  return reply
    .type(XLSX)
    .header('content-disposition', `attachment; filename="table.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .header('cache-control', 'no-store')
    .send(workbook);
}
