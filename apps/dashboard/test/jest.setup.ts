import '@testing-library/jest-dom';
import { TextDecoder, TextEncoder } from 'node:util';

// jsdom lacks these; react-router reads TextEncoder when it loads.
Object.assign(globalThis, { TextEncoder, TextDecoder });
