import { z } from 'zod';

// Validation messages that no schema words itself still reach people in Chinese.
z.config(z.locales.zhCN());
