import { API_PREFIX, type UploadReceipt, contract } from '@mashang/shared';
import type { Answer, TestApp } from '../support/test-app.js';

/** A multipart body with one file under `file`, as Taro.uploadFile and a browser's FormData send it. */
export async function multipartBody(bytes: Buffer, fileName: string, type = 'image/jpeg'): Promise<{ body: Buffer; contentType: string }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), fileName);
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return { body: Buffer.from(await request.arrayBuffer()), contentType: request.headers.get('content-type')! };
}

/** Posts one file to the upload route; `headers` may add a user agent or the like. */
export async function uploadFile(t: TestApp, bytes: Buffer, fileName: string, headers: Record<string, string> = {}): Promise<Answer> {
  const { body, contentType } = await multipartBody(bytes, fileName);
  return t.request('POST', `${API_PREFIX}${contract.reportAttachment.upload.path}`, body, undefined, {
    'content-type': contentType,
    ...headers,
  });
}

/** Uploads a file that must be taken, and answers its receipt. */
export async function uploaded(t: TestApp, bytes: Buffer, fileName = 'photo.jpg'): Promise<UploadReceipt> {
  const answer = await uploadFile(t, bytes, fileName);
  if (answer.status !== 201) throw new Error(`upload answered ${answer.status}: ${answer.text}`);
  return answer.body as UploadReceipt;
}
