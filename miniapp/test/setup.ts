import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from '@jest/globals';
import { resetTaro } from './mocks/taro';

beforeEach(() => resetTaro());
afterEach(() => cleanup());
