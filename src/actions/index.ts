import { admin } from './admin';
import { auth } from './auth';

export const server = { auth, admin };
