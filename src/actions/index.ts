import { admin } from './admin';
import { auth } from './auth';
import { campaigns } from './campaigns';

export const server = { auth, admin, campaigns };
