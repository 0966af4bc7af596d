import { Inject, Injectable } from '@nestjs/common';
import { posterUrl } from '@mashang/shared';
import QRCode from 'qrcode';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';

/** Error correction level Q (25%): posters on notice boards get scuffed and rained on. */
const QR_OPTIONS = { errorCorrectionLevel: 'Q', margin: 2 } as const;

/** A QR code's square of modules: `dark(x, y)` for column x, row y. */
export interface QrMatrix {
  size: number;
  dark(x: number, y: number): boolean;
}

@Injectable()
export class QrCodeService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  linkFor(villageCode: string): string {
    return posterUrl(this.config.publicBaseUrl, villageCode);
  }

  svg(villageCode: string): Promise<string> {
    return QRCode.toString(this.linkFor(villageCode), { ...QR_OPTIONS, type: 'svg' });
  }

  /** The code's modules, without a quiet zone, for drawing it at print size (posters). */
  matrix(villageCode: string): QrMatrix {
    const { modules } = QRCode.create(this.linkFor(villageCode), { errorCorrectionLevel: QR_OPTIONS.errorCorrectionLevel });
    return { size: modules.size, dark: (x, y) => Boolean(modules.get(y, x)) };
  }

  png(villageCode: string): Promise<Buffer> {
    return QRCode.toBuffer(this.linkFor(villageCode), { ...QR_OPTIONS, type: 'png', width: 600 });
  }
}
