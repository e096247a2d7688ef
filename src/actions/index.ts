import { account } from './account';
import { admin } from './admin';
import { auth } from './auth';
import { campaigns } from './campaigns';
import { entries } from './entries';
import { evidence } from './evidence';
import { gallery } from './gallery';
import { mail } from './mail';
import { nominations } from './nominations';
import { nominees } from './nominees';
import { notifications } from './notifications';
import { scoring } from './scoring';

export const server = { auth, account, admin, campaigns, entries, evidence, notifications, scoring, gallery, nominations, nominees, mail };
